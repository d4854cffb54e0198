package dev.opsuite.deployment.steps;

/**
 * Where a step writes its deployment's log. Every line is masked (the deployment's secret values in
 * their common encodings) before it is stored or shown; offsets and storage are the runner's business.
 */
public interface LogSink {
    /** A line the service itself writes (what it runs, why a step ended). */
    void system(String text);

    /** A line a command or the app printed on {@code stream} (stdout, stderr, app). */
    void line(String stream, String text);

    /** The text with the deployment's secrets masked, for errors that leave the log (API, events). */
    String mask(String text);

    /** Stores what was written so far; readers of the stored log see it once this returns. */
    void flush();
}
