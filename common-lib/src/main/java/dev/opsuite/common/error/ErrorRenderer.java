package dev.opsuite.common.error;

/** Turns the error model into one dialect's wire form. */
interface ErrorRenderer {
    RenderedError render(ApiError error, String instance);
}
