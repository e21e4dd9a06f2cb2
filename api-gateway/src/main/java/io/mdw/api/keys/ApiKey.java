package io.mdw.api.keys;

import java.time.Instant;
import java.util.List;

/** A key as listed: never the key itself, only its first characters. */
public record ApiKey(long id, String name, String keyPreview, List<String> scopes, boolean active,
                     Instant createdAt, Instant updatedAt, Instant revokedAt) {
}
