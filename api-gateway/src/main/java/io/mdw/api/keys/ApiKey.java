package io.mdw.api.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.mdw.api.web.UnprintableCharacters;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** A key as listed: never the key itself, only its first characters. */
@NullMarked
public record ApiKey(long id, String name, String keyPreview, List<String> scopes, boolean active,
                     Instant createdAt, Instant updatedAt, @Nullable Instant revokedAt) {

    private static final int MAX_NAME = 100;
    /** As ids are written: digits 0-9, no sign, no leading zero, no blanks (so that "+15" or " 15" names no key). */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    /** A key's id as a path gives it, or empty when it is not written as ids are. */
    static Optional<Long> parseId(String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }

    /** A key's id as a path gives it; a clear 400 when it is not written as ids are. */
    static long requireId(String raw) {
        return parseId(raw).orElseThrow(() -> ApiProblem.badRequest("Invalid value '"
                + Params.abbreviate(raw) + "' for 'id': expected a key's id, a whole number in digits"
                + " 0-9 without sign or leading zeros, as GET /api/v1/admin/api-keys lists them"));
    }

    /**
     * A key's name as given by an admin or on the command line, stripped of blanks around it; it says who or what uses
     * the key, so it has a visible character (not only spaces or invisible ones such as U+200B).
     */
    static String name(String name) {
        if (name == null || name.codePoints().noneMatch(ApiKey::visible)) {
            throw ApiProblem.badRequest("'name' is required: 1 to " + MAX_NAME + " characters naming who uses the key,"
                    + " at least one of them visible");
        }
        // characters as a reader counts them: an emoji is one, though Java holds it as two
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME) {
            throw ApiProblem.badRequest("'name' is " + length + " characters long; at most " + MAX_NAME);
        }
        String unprintable = UnprintableCharacters.firstIn(name);
        if (unprintable != null) {
            throw ApiProblem.badRequest("'name' holds " + unprintable + "; send the value without it");
        }
        return name.strip();
    }

    private static boolean visible(int c) {
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.SURROGATE;
    }
}
