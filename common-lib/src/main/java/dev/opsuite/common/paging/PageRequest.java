package dev.opsuite.common.paging;

import dev.opsuite.common.error.ApiException;

/**
 * A validated offset window. Built from either offset/limit or page/size query parameters.
 *
 * @param offset rows to skip (>= 0)
 * @param limit  rows to return (1..max)
 */
public record PageRequest(int offset, int limit) {

    public static PageRequest ofOffset(Integer offset, Integer limit, int defaultLimit, int maxLimit) {
        return new PageRequest(Limits.offset(offset), Limits.clamp(limit, defaultLimit, maxLimit));
    }

    public static PageRequest ofOffset(Integer offset, Integer limit) {
        return ofOffset(offset, limit, Limits.DEFAULT_LIMIT, Limits.MAX_LIMIT);
    }

    /** page is 1-based. */
    public static PageRequest ofPage(Integer page, Integer size, int defaultSize, int maxSize) {
        int p = Limits.page(page);
        int s = Limits.clamp(size, defaultSize, maxSize);
        long offset = (long) (p - 1) * s;
        if (offset > Integer.MAX_VALUE) {
            throw ApiException.badRequest("invalid_page", "page is too large");
        }
        return new PageRequest((int) offset, s);
    }

    public static PageRequest ofPage(Integer page, Integer size) {
        return ofPage(page, size, Limits.DEFAULT_LIMIT, Limits.MAX_LIMIT);
    }

    /** 1-based page number this window starts on. */
    public int page() {
        return offset / limit + 1;
    }
}
