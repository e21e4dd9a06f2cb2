package io.mdw.api.keys;

import java.time.Instant;
import java.util.List;

/** The answer to creating a key: the only time the key itself is shown. */
public record CreatedApiKey(long id, String name, String key, String keyPreview, List<String> scopes,
                            boolean active, Instant createdAt, String warning) {
}
