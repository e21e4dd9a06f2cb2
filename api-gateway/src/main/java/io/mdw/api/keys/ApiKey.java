package io.mdw.api.keys;

import java.time.Instant;
import java.util.List;

import io.mdw.api.errors.ApiProblem;

/** A key as listed: never the key itself, only its first characters. */
public record ApiKey(long id, String name, String keyPreview, List<String> scopes, boolean active,
                     Instant createdAt, Instant updatedAt, Instant revokedAt) {

    private static final int MAX_NAME = 100;

    /** A key's name as given by an admin or on the command line, trimmed; it says who or what uses the key. */
    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiProblem.badRequest("'name' is required: 1 to " + MAX_NAME + " characters naming who uses the key");
        }
        if (name.length() > MAX_NAME) {
            throw ApiProblem.badRequest("'name' is " + name.length() + " characters long; at most " + MAX_NAME);
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest("'name' must not contain control characters (such as NUL, tab or line breaks)");
        }
        return name.trim();
    }
}
