package io.mdw.api.keys;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.NullMarked;

/** The answer to creating a key: the only time the key itself is shown. */
@NullMarked
public record CreatedApiKey(long id, String name, String key, String keyPreview, List<String> scopes,
                            boolean active, Instant createdAt, String warning) {

    static CreatedApiKey of(ApiKey created, String key) {
        return new CreatedApiKey(created.id(), created.name(), key, created.keyPreview(), created.scopes(),
                created.active(), created.createdAt(), "Store this key now: it is not shown again");
    }
}
