package dev.opsuite.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way upstream, counted as it streams: past the route's limit it fails with
 * {@link TooLarge} instead of passing more bytes on, so a chunked body cannot slip past the limit a
 * Content-Length would have been refused for. A failure of the client's own stream (bad chunked
 * framing, the client going away) is marked as such: neither is the upstream's fault.
 */
final class BodyLimit implements ReadStream<Buffer> {

    /** The body passed the route's limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
        }
    }

    /** The client's stream failed (not the upstream). */
    static final class ClientStreamFailed extends RuntimeException {
        ClientStreamFailed(Throwable cause) {
            super("client request stream failed: " + cause.getMessage(), cause, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private long seen;
    private boolean failed;
    private RuntimeException failure;
    private Handler<Throwable> exceptionHandler;
    private Handler<Buffer> dataHandler;

    BodyLimit(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        source.exceptionHandler(handler == null ? null : e -> fail(new ClientStreamFailed(e)));
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        dataHandler = handler;
        source.handler(handler == null ? null : this::onData);
        return this;
    }

    private void onData(Buffer chunk) {
        if (failed) {
            return;
        }
        seen += chunk.length();
        if (seen > limit) {
            source.pause();
            fail(new TooLarge(limit));
            return;
        }
        dataHandler.handle(chunk);
    }

    /** Why the stream stopped early (TooLarge or ClientStreamFailed), or null. */
    RuntimeException failure() {
        return failure;
    }

    private void fail(RuntimeException e) {
        if (failed) {
            return;
        }
        failed = true;
        failure = e;
        if (exceptionHandler != null) {
            exceptionHandler.handle(e);
        }
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!failed) {
            source.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!failed) {
            source.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(
                endHandler == null
                        ? null
                        : v -> {
                            if (!failed) {
                                endHandler.handle(v);
                            }
                        });
        return this;
    }
}
