package dev.opsuite.automation.domain;

/** Who asked: recorded on tasks (history's user_id/username) and used for admin-only allowances. */
public record Caller(String userId, String username, boolean admin) {}
