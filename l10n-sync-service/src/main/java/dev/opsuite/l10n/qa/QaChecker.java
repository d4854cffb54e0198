package dev.opsuite.l10n.qa;

import dev.opsuite.l10n.domain.Locales;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * The per-entry checks that need nothing but the entry (and the locale's glossary): placeholders,
 * formatting codes, namespaced ids, empty, identical to source, length, glossary. Stateless.
 */
public final class QaChecker {
    public static final String PLACEHOLDER = "placeholder_check";
    public static final String FORMAT_CODE = "format_code_check";
    public static final String NAMESPACE = "namespace_check";
    public static final String EMPTY = "empty_check";
    public static final String IDENTICAL = "identical_check";
    public static final String LENGTH = "length_check";
    public static final String GLOSSARY = "glossary_check";
    public static final String CONSISTENCY = "consistency_check";

    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern ACRONYM = Pattern.compile("[A-Z0-9]{1,5}");
    private static final Pattern STRIP_TOKENS = Pattern.compile("%(?:\\d+\\$)?[A-Za-z%]|[§&][0-9a-fk-orA-FK-OR]");

    private QaChecker() {}

    /**
     * @param dst    null = not translated yet
     * @param locale the target locale (CJK targets get no length complaint)
     */
    public static QaResult check(String src, String dst, String locale, List<GlossaryEntry> glossary) {
        QaResult r = new QaResult();
        if (dst == null) {
            return r.check(EMPTY, Verdict.WARN, Map.of("reason", "not translated yet"));
        }
        String source = src == null ? "" : src;
        placeholders(r, source, dst);
        formatCodes(r, source, dst);
        namespaces(r, source, dst);
        empty(r, source, dst);
        identical(r, source, dst, locale);
        length(r, source, dst, locale);
        glossary(r, source, dst, glossary);
        return r;
    }

    private static void placeholders(QaResult r, String src, String dst) {
        Placeholders.Analysis s = Placeholders.analyse(src);
        Placeholders.Analysis d = Placeholders.analyse(dst);
        if (!s.indices().equals(d.indices())) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("expected_indices", List.copyOf(s.indices()));
            detail.put("found_indices", List.copyOf(d.indices()));
            detail.put("missing", difference(s.indices(), d.indices()));
            detail.put("extra", difference(d.indices(), s.indices()));
            r.check(PLACEHOLDER, Verdict.FAIL, detail);
        } else if (!d.unsupported().isEmpty() && !d.unsupported().equals(s.unsupported())) {
            r.check(PLACEHOLDER, Verdict.WARN, Map.of("unsupported", d.unsupported()));
        } else {
            r.check(PLACEHOLDER, Verdict.PASS);
        }
    }

    private static List<Integer> difference(SortedSet<Integer> a, SortedSet<Integer> b) {
        List<Integer> out = new ArrayList<>();
        for (Integer i : a) {
            if (!b.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static void formatCodes(QaResult r, String src, String dst) {
        Map<String, Integer> s = FormatCodes.section(src);
        Map<String, Integer> d = FormatCodes.section(dst);
        Map<String, Integer> sa = FormatCodes.ampersand(src);
        Map<String, Integer> da = FormatCodes.ampersand(dst);
        if (!s.equals(d)) {
            r.check(FORMAT_CODE, Verdict.FAIL, Map.of("expected", s, "found", d));
        } else if (!sa.isEmpty() && !sa.equals(da)) {
            // & codes only matter where the source uses them ("R&D" in plain prose is not a code)
            r.check(FORMAT_CODE, Verdict.WARN, Map.of("expected", sa, "found", da));
        } else {
            r.check(FORMAT_CODE, Verdict.PASS);
        }
    }

    private static void namespaces(QaResult r, String src, String dst) {
        Set<String> expected = NamespacedIds.find(src);
        List<String> missing = new ArrayList<>();
        for (String id : expected) {
            if (!dst.contains(id)) {
                missing.add(id);
            }
        }
        r.check(NAMESPACE, missing.isEmpty() ? Verdict.PASS : Verdict.FAIL, Map.of("missing", missing));
    }

    private static void empty(QaResult r, String src, String dst) {
        boolean emptyDst = dst.isBlank();
        boolean emptySrc = src.isBlank();
        r.check(
                EMPTY,
                emptyDst && !emptySrc ? Verdict.FAIL : Verdict.PASS,
                Map.of("reason", "translation is empty but the source is not"));
    }

    private static void identical(QaResult r, String src, String dst, String locale) {
        if (!src.equals(dst) || src.isBlank()) {
            r.check(IDENTICAL, Verdict.PASS);
            return;
        }
        String words = STRIP_TOKENS.matcher(src).replaceAll("").strip();
        boolean exempt = !LETTER.matcher(words).find() // only placeholders, digits, symbols
                || ACRONYM.matcher(words).matches() // TNT, OK, XP, RGB
                || words.startsWith("http://")
                || words.startsWith("https://")
                || (locale != null && Locales.language(locale).equals("en")) // en_gb may keep en_us text
                || words.indexOf(' ') < 0 && !NamespacedIds.find(words).isEmpty();
        r.check(
                IDENTICAL,
                exempt ? Verdict.PASS : Verdict.WARN,
                Map.of("reason", "translation is identical to the source"));
    }

    private static void length(QaResult r, String src, String dst, String locale) {
        int s = src.codePointCount(0, src.length());
        int d = dst.codePointCount(0, dst.length());
        if (s < 10 || Locales.isCjk(locale) || isMostlyCjk(dst)) {
            // CJK translations are typically ~0.3x the English length: a ratio says nothing there
            r.check(LENGTH, Verdict.PASS);
            return;
        }
        double ratio = (double) d / s;
        boolean odd = ratio > 3.0 || ratio < 0.25;
        r.check(
                LENGTH,
                odd ? Verdict.WARN : Verdict.PASS,
                Map.of("ratio", Math.round(ratio * 100) / 100.0, "source_length", s, "translation_length", d));
    }

    static boolean isMostlyCjk(String text) {
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HAN
                        || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA
                        || script == Character.UnicodeScript.HANGUL) {
                    cjk++;
                }
            }
        }
        return letters > 0 && cjk * 2 >= letters;
    }

    private static void glossary(QaResult r, String src, String dst, List<GlossaryEntry> glossary) {
        if (glossary == null || glossary.isEmpty()) {
            return;
        }
        List<Map<String, String>> violations = new ArrayList<>();
        for (GlossaryEntry g : glossary) {
            if (contains(src, g.term(), g.caseSensitive()) && !contains(dst, g.translation(), g.caseSensitive())) {
                violations.add(Map.of("term", g.term(), "expected", g.translation()));
            }
        }
        r.check(GLOSSARY, violations.isEmpty() ? Verdict.PASS : Verdict.WARN, Map.of("violations", violations));
    }

    /** Whole-word match for Latin terms; plain containment for scripts without spaces. */
    static boolean contains(String text, String term, boolean caseSensitive) {
        String t = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        String w = caseSensitive ? term : term.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = t.indexOf(w, from);
            if (i < 0) {
                return false;
            }
            boolean startOk = i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1)) || !isLatin(w.charAt(0));
            int end = i + w.length();
            boolean endOk = end >= t.length()
                    || !Character.isLetterOrDigit(t.charAt(end))
                    || !isLatin(w.charAt(w.length() - 1));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isLatin(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN || Character.isDigit(c);
    }
}
