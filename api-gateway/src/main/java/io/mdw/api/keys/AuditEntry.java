package io.mdw.api.keys;

import java.time.Instant;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One audited action: who (key id and name), what (action, method, path, status, the key or load job it was on, and
 * what the request asked for: its query string and the body's fields), when and from where.
 */
@NullMarked
public record AuditEntry(long id, @Nullable Long apiKeyId, @Nullable String keyName, String action, String method,
                         String path, @Nullable Integer status, @Nullable String remoteAddress,
                         @Nullable Long targetKeyId, @Nullable String targetJobId, @Nullable String requestSummary,
                         Instant occurredAt) {
}
