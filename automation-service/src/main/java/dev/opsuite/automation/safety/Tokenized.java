package dev.opsuite.automation.safety;

import java.util.List;

/**
 * Shell text split into tokens, plus the texts of command substitutions found anywhere in it
 * ({@code $(…)}, backticks), which are analysed as commands of their own.
 */
record Tokenized(List<ShellToken> tokens, List<String> substitutions) {}
