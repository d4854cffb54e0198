package dev.opsuite.common.paging;

import dev.opsuite.common.error.ApiException;

/** Sane paging parameters: limits below 1, negative offsets and pages below 1 are a 400; limits above the maximum clamp to it. */
public final class Limits {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private Limits() {}

    /** null -> default; below 1 -> 400 (a negative limit is a client bug, not a request for one row); above max -> max. */
    public static int clamp(Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return Math.min(defaultLimit, maxLimit);
        }
        if (requested < 1) {
            throw ApiException.badRequest("invalid_limit", "limit must be >= 1").withDetail("limit", "must be >= 1");
        }
        return Math.min(requested, maxLimit);
    }

    public static int clamp(Integer requested) {
        return clamp(requested, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw ApiException.badRequest("invalid_offset", "offset must be >= 0")
                    .withDetail("offset", "must be >= 0");
        }
        return requested;
    }

    /** 1-based page number; null -> 1. */
    public static int page(Integer requested) {
        if (requested == null) {
            return 1;
        }
        if (requested < 1) {
            throw ApiException.badRequest("invalid_page", "page must be >= 1").withDetail("page", "must be >= 1");
        }
        return requested;
    }
}
