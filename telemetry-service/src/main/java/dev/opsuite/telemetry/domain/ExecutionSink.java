package dev.opsuite.telemetry.domain;

import java.io.IOException;

/** Receives the executions of a streamed read one at a time (e.g. writes them to a response). */
@FunctionalInterface
public interface ExecutionSink {

    /** Called once the query runs, before the first execution (also when there is none). */
    default void begin() throws IOException {}

    void accept(Execution execution) throws IOException;

    /** Called after the last execution, when the read went through. */
    default void end() throws IOException {}
}
