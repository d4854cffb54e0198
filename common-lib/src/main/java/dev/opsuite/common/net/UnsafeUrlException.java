package dev.opsuite.common.net;

import dev.opsuite.common.error.ApiException;

/** A user-supplied URL the suite refuses to call: 422 unsafe_url with the reason (never internal state). */
public class UnsafeUrlException extends ApiException {
    public UnsafeUrlException(String reason) {
        super(422, "unsafe_url", reason);
    }
}
