package dev.opsuite.automation.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * A small POSIX-shell lexer: quotes ('…', "…", $'…'), backslash escapes, comments, control operators
 * and redirections, and command substitutions (whose inner text is collected for separate analysis).
 * It does not expand anything: the interception rules look at what would be executed literally.
 */
final class ShellTokenizer {
    private final String s;
    private int i;
    private final List<ShellToken> tokens = new ArrayList<>();
    private final List<String> substitutions = new ArrayList<>();

    private ShellTokenizer(String s) {
        this.s = s;
    }

    static Tokenized tokenize(String text) {
        ShellTokenizer t = new ShellTokenizer(text);
        t.run();
        return new Tokenized(List.copyOf(t.tokens), List.copyOf(t.substitutions));
    }

    private void run() {
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i += 2; // line continuation
                    continue;
                }
                if (i + 1 < s.length()) {
                    word.append(s.charAt(i + 1));
                }
                inWord = true;
                quoted = true;
                i += 2;
                continue;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    end = s.length();
                }
                word.append(s, i + 1, end);
                inWord = true;
                quoted = true;
                i = end + 1;
                continue;
            }
            if (c == '"') {
                i++;
                readDoubleQuoted(word);
                inWord = true;
                quoted = true;
                continue;
            }
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                i += 2;
                readAnsiC(word);
                inWord = true;
                quoted = true;
                continue;
            }
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                if (i + 2 < s.length() && s.charAt(i + 2) == '(') {
                    // arithmetic $(( … )): keep as text, it runs nothing
                    int end = s.indexOf("))", i + 3);
                    end = end < 0 ? s.length() : end + 2;
                    word.append(s, i, end);
                    i = end;
                    inWord = true;
                    continue;
                }
                String inner = readParenthesised(i + 2);
                substitutions.add(inner);
                word.append("$(").append(inner).append(')');
                inWord = true;
                continue;
            }
            if (c == '`') {
                String inner = readBackticks();
                substitutions.add(inner);
                word.append('`').append(inner).append('`');
                inWord = true;
                continue;
            }
            if ((c == '<' || c == '>') && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                // process substitution <( … ) / >( … ): a command of its own
                String inner = readParenthesised(i + 2);
                substitutions.add(inner);
                word.append(c).append('(').append(inner).append(')');
                inWord = true;
                continue;
            }
            if (c == '#' && !inWord) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                inWord = flush(word, inWord, quoted);
                quoted = false;
                i++;
                continue;
            }
            String op = operatorAt();
            if (op != null) {
                boolean fdPrefix = inWord && !quoted && isDigits(word) && (op.startsWith(">") || op.startsWith("<"));
                if (fdPrefix) {
                    String fd = word.toString();
                    word.setLength(0);
                    inWord = false;
                    tokens.add(ShellToken.redirect(fd + op));
                } else {
                    inWord = flush(word, inWord, quoted);
                    quoted = false;
                    tokens.add(
                            op.startsWith(">") || op.startsWith("<") || op.startsWith("&>")
                                    ? ShellToken.redirect(op)
                                    : ShellToken.operator(op));
                }
                i += op.length();
                continue;
            }
            word.append(c);
            inWord = true;
            i++;
        }
        flush(word, inWord, quoted);
    }

    private boolean flush(StringBuilder word, boolean inWord, boolean quoted) {
        if (inWord) {
            tokens.add(ShellToken.word(word.toString(), quoted));
            word.setLength(0);
        }
        return false;
    }

    private String operatorAt() {
        for (String op : new String[] {
            "&>>", ">>", "&>", ">&", "<&", ">|", "<<<", "<<", "&&", "||", "|&", ";;", ">", "<", "|", "&", ";", "(", ")",
            "\n"
        }) {
            if (s.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    private void readDoubleQuoted(StringBuilder word) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                word.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '$'
                    && i + 1 < s.length()
                    && s.charAt(i + 1) == '('
                    && !(i + 2 < s.length() && s.charAt(i + 2) == '(')) {
                String inner = readParenthesised(i + 2);
                substitutions.add(inner);
                word.append("$(").append(inner).append(')');
                continue;
            }
            if (c == '`') {
                String inner = readBackticks();
                substitutions.add(inner);
                word.append('`').append(inner).append('`');
                continue;
            }
            word.append(c);
            i++;
        }
    }

    private void readAnsiC(StringBuilder word) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i++;
                return;
            }
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case 'n' -> word.append('\n');
                    case 't' -> word.append('\t');
                    case 'x' -> {
                        int end = i + 2;
                        while (end < s.length() && end < i + 4 && Character.digit(s.charAt(end), 16) >= 0) {
                            end++;
                        }
                        if (end > i + 2) {
                            word.append((char) Integer.parseInt(s.substring(i + 2, end), 16));
                            i = end;
                            continue;
                        }
                        word.append('x');
                    }
                    default -> word.append(n);
                }
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
    }

    /** Reads up to the parenthesis matching an opening one just before {@code from}; returns the inner text. */
    private String readParenthesised(int from) {
        int depth = 1;
        int j = from;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', j + 1);
                j = end < 0 ? s.length() : end + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    i = j + 1;
                    return s.substring(from, j);
                }
            }
            j++;
        }
        i = s.length();
        return s.substring(Math.min(from, s.length()));
    }

    private String readBackticks() {
        int j = i + 1;
        StringBuilder inner = new StringBuilder();
        while (j < s.length() && s.charAt(j) != '`') {
            if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                inner.append(s.charAt(j + 1));
                j += 2;
                continue;
            }
            inner.append(s.charAt(j));
            j++;
        }
        i = Math.min(j + 1, s.length());
        return inner.toString();
    }

    private static boolean isDigits(StringBuilder b) {
        if (b.isEmpty()) {
            return false;
        }
        for (int k = 0; k < b.length(); k++) {
            if (!Character.isDigit(b.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
