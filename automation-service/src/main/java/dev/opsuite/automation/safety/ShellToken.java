package dev.opsuite.automation.safety;

/**
 * A token of shell text. WORD carries the word after quote removal; OPERATOR one of
 * {@code ; && || | |& & ( ) newline}; REDIRECT an operator such as {@code >} or {@code 2>>} whose target
 * is the next WORD.
 */
record ShellToken(Kind kind, String text, boolean quoted) {
    enum Kind {
        WORD,
        OPERATOR,
        REDIRECT
    }

    static ShellToken word(String text, boolean quoted) {
        return new ShellToken(Kind.WORD, text, quoted);
    }

    static ShellToken operator(String text) {
        return new ShellToken(Kind.OPERATOR, text, false);
    }

    static ShellToken redirect(String text) {
        return new ShellToken(Kind.REDIRECT, text, false);
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }
}
