package io.mdw.api.keys;

import java.time.Instant;

/**
 * One audited action: who (key id and name), what (action, method, path, status, the key or load job it was on, and
 * what the request asked for: its query string and the body's fields), when and from where.
 */
public record AuditEntry(long id, Long apiKeyId, String keyName, String action, String method, String path,
                         Integer status, String remoteAddress, Long targetKeyId, String targetJobId,
                         String requestSummary, Instant occurredAt) {
}
