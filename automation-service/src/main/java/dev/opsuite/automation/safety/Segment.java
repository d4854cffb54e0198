package dev.opsuite.automation.safety;

import java.util.List;

/**
 * One simple command: its words (after quote removal), its redirections, and how it is connected to
 * its neighbours ({@code pipedFrom}: input from a pipe; {@code pipedTo}: output into a pipe;
 * {@code background}: followed by {@code &}). {@code pipeline} numbers the pipeline it belongs to.
 */
record Segment(
        List<String> words,
        List<Redirect> redirects,
        boolean pipedFrom,
        boolean pipedTo,
        boolean background,
        int pipeline) {

    record Redirect(String op, String target) {
        boolean writes() {
            return op.contains(">");
        }
    }

    String text() {
        StringBuilder b = new StringBuilder(String.join(" ", words));
        for (Redirect r : redirects) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(r.op()).append(' ').append(r.target());
        }
        return b.toString();
    }
}
