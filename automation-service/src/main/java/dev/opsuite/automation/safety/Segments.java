package dev.opsuite.automation.safety;

import java.util.ArrayList;
import java.util.List;

/** Splits tokens into simple commands on {@code ; && || | |& & ( )} and newlines. */
final class Segments {
    private Segments() {}

    static List<Segment> of(List<ShellToken> tokens) {
        List<Segment> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Segment.Redirect> redirects = new ArrayList<>();
        boolean pipedFrom = false;
        int pipeline = 0;
        for (int k = 0; k < tokens.size(); k++) {
            ShellToken t = tokens.get(k);
            switch (t.kind()) {
                case WORD -> words.add(t.text());
                case REDIRECT -> {
                    String target = k + 1 < tokens.size() && tokens.get(k + 1).isWord()
                            ? tokens.get(++k).text()
                            : "";
                    redirects.add(new Segment.Redirect(t.text(), target));
                }
                case OPERATOR -> {
                    boolean pipe = t.text().equals("|") || t.text().equals("|&");
                    boolean background = t.text().equals("&");
                    if (!words.isEmpty() || !redirects.isEmpty()) {
                        out.add(new Segment(
                                List.copyOf(words), List.copyOf(redirects), pipedFrom, pipe, background, pipeline));
                    }
                    words.clear();
                    redirects.clear();
                    pipedFrom = pipe;
                    if (!pipe) {
                        pipeline++;
                    }
                }
            }
        }
        if (!words.isEmpty() || !redirects.isEmpty()) {
            out.add(new Segment(List.copyOf(words), List.copyOf(redirects), pipedFrom, false, false, pipeline));
        }
        return out;
    }
}
