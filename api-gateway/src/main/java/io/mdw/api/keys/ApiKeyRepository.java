package io.mdw.api.keys;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mdw.api.web.Rows;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The api_keys and api_key_audit tables. */
@Repository
class ApiKeyRepository {

    private static final String KEY_COLUMNS = "id, name, key_preview, scopes, active, created_at, updated_at, revoked_at";

    private final DatabaseClient db;

    ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The key with this hash, whatever its state: a refusal can then say why. */
    Mono<PresentedKey> findByHash(String hash) {
        return db.sql("SELECT id, name, scopes, active, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE key_hash = :hash")
                .bind("hash", hash)
                .map(row -> new PresentedKey(new ApiKeyPrincipal(row.get("id", Long.class), row.get("name", String.class),
                        Arrays.stream(row.get("scopes", String[].class)).map(Scope::fromCode).toList()),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        Boolean.TRUE.equals(row.get("revoked", Boolean.class))))
                .one();
    }

    record PresentedKey(ApiKeyPrincipal principal, boolean active, boolean revoked) {
    }

    Mono<ApiKey> insert(String name, String hash, String preview, List<String> scopes) {
        return db.sql("INSERT INTO api_keys (name, key_hash, key_preview, scopes) VALUES (:name, :hash, :preview, :scopes) RETURNING "
                        + KEY_COLUMNS)
                .bind("name", name).bind("hash", hash).bind("preview", preview)
                .bind("scopes", scopes.toArray(String[]::new))
                .map(ApiKeyRepository::toKey)
                .one();
    }

    /**
     * Makes sure the key with this hash exists, is active and is an admin key; empty when it was revoked, which is for
     * good (a leaked key revoked by an admin must not come back with the next start).
     */
    Mono<ApiKey> ensureAdmin(String name, String hash, String preview) {
        return db.sql("""
                        INSERT INTO api_keys (name, key_hash, key_preview, scopes) VALUES (:name, :hash, :preview, '{admin}')
                        ON CONFLICT (key_hash) DO UPDATE
                            SET active = true, scopes = '{admin}', key_preview = EXCLUDED.key_preview, updated_at = now()
                            WHERE api_keys.revoked_at IS NULL
                        RETURNING %s
                        """.formatted(KEY_COLUMNS))
                .bind("name", name).bind("hash", hash).bind("preview", preview)
                .map(ApiKeyRepository::toKey)
                .one();
    }

    /** Revokes the keys named and previewed so, but for the one with this hash, that are not revoked yet; lists them. */
    Flux<ApiKey> revokeAllBut(String name, String preview, String keptHash) {
        return db.sql("""
                        UPDATE api_keys SET active = false, revoked_at = now(), updated_at = now()
                        WHERE name = :name AND key_preview = :preview AND key_hash <> :hash AND revoked_at IS NULL
                        RETURNING %s
                        """.formatted(KEY_COLUMNS))
                .bind("name", name).bind("preview", preview).bind("hash", keptHash)
                .map(ApiKeyRepository::toKey)
                .all();
    }

    Flux<ApiKey> findAll() {
        return db.sql("SELECT " + KEY_COLUMNS + " FROM api_keys ORDER BY id").map(ApiKeyRepository::toKey).all();
    }

    Mono<ApiKey> find(long id) {
        return db.sql("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", id).map(ApiKeyRepository::toKey).one();
    }

    /**
     * Renames, re-scopes or (de)activates a key that is not revoked (null leaves a value as it is); empty when there is
     * no such key.
     */
    Mono<ApiKey> update(long id, String name, List<String> scopes, Boolean active) {
        var spec = db.sql("""
                        UPDATE api_keys SET
                            name = coalesce(:name, name),
                            scopes = coalesce(:scopes, scopes),
                            active = coalesce(:active, active),
                            updated_at = now()
                        WHERE id = :id AND revoked_at IS NULL
                        RETURNING %s
                        """.formatted(KEY_COLUMNS))
                .bind("id", id);
        spec = name == null ? spec.bindNull("name", String.class) : spec.bind("name", name);
        spec = scopes == null ? spec.bindNull("scopes", String[].class) : spec.bind("scopes", scopes.toArray(String[]::new));
        spec = active == null ? spec.bindNull("active", Boolean.class) : spec.bind("active", active);
        return spec.map(ApiKeyRepository::toKey).one();
    }

    /** Revokes a key for good (it stays listed, so that its audit keeps a name); empty when there is no such key. */
    Mono<ApiKey> revoke(long id) {
        return db.sql("""
                        UPDATE api_keys SET active = false, revoked_at = coalesce(revoked_at, now()), updated_at = now()
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(KEY_COLUMNS))
                .bind("id", id)
                .map(ApiKeyRepository::toKey)
                .one();
    }

    Mono<Void> audit(ApiKeyPrincipal actor, String action, String method, String path, Integer status,
                     String remoteAddress, Long targetKeyId, String targetJobId, String requestSummary) {
        var spec = db.sql("""
                        INSERT INTO api_key_audit (api_key_id, key_name, action, method, path, status, remote_address,
                                                   target_key_id, target_job_id, request_summary)
                        VALUES (:keyId, :keyName, :action, :method, :path, :status, :remote,
                                (SELECT id FROM api_keys WHERE id = :target), :targetJob, :requestSummary)
                        """)
                .bind("keyId", actor.id())
                .bind("keyName", actor.name())
                .bind("action", action)
                .bind("method", method)
                .bind("path", path);
        spec = status == null ? spec.bindNull("status", Integer.class) : spec.bind("status", status);
        spec = remoteAddress == null ? spec.bindNull("remote", String.class) : spec.bind("remote", remoteAddress);
        spec = targetKeyId == null ? spec.bindNull("target", Long.class) : spec.bind("target", targetKeyId);
        spec = targetJobId == null ? spec.bindNull("targetJob", String.class) : spec.bind("targetJob", targetJobId);
        spec = requestSummary == null ? spec.bindNull("requestSummary", String.class)
                : spec.bind("requestSummary", requestSummary);
        return spec.then();
    }

    /** An action on a key done by the system itself (no acting key), e.g. the start-up bootstrap. */
    Mono<Void> auditSystem(String actor, String action, long targetKeyId) {
        return db.sql("""
                        INSERT INTO api_key_audit (key_name, action, method, path, target_key_id)
                        VALUES (:actor, :action, 'STARTUP', '-', :target)
                        """)
                .bind("actor", actor).bind("action", action).bind("target", targetKeyId)
                .then();
    }

    /**
     * Audit entries newest first, after the entry {@code after} when there is one: those of the key whose id is
     * given (what it did and what was done to it), else every entry, by a key or on the command line.
     */
    Flux<AuditEntry> audit(Optional<Long> keyId, int limit, Optional<AuditEntryPlace> after) {
        var spec = bindKey(db.sql("""
                        SELECT id, api_key_id, key_name, action, method, path, status, remote_address, target_key_id,
                               target_job_id, request_summary, occurred_at
                        FROM api_key_audit
                        WHERE %s %s
                        ORDER BY occurred_at DESC, id DESC
                        LIMIT :limit
                        """.formatted(ofKey(keyId), after.isPresent() ? "AND (occurred_at, id) < (:afterTime, :afterId)" : ""))
                .bind("limit", limit), keyId);
        return after.map(place -> spec.bind("afterTime", place.occurredAt()).bind("afterId", place.id())).orElse(spec)
                .map(ApiKeyRepository::toAuditEntry).all();
    }

    /** Where the audit entry with that id is listed, among the key's entries when a key is given; else empty. */
    Mono<AuditEntryPlace> auditEntryPlace(Optional<Long> keyId, long entryId) {
        return bindKey(db.sql("SELECT id, occurred_at FROM api_key_audit WHERE id = :entry AND " + ofKey(keyId)), keyId)
                .bind("entry", entryId)
                .map(row -> new AuditEntryPlace(row.get("occurred_at", OffsetDateTime.class), row.get("id", Long.class)))
                .one();
    }

    /** An audit entry's place in the lists, which are ordered by time, then by id, newest first. */
    record AuditEntryPlace(OffsetDateTime occurredAt, long id) {
    }

    private static String ofKey(Optional<Long> keyId) {
        return keyId.isPresent() ? "(api_key_id = :key OR target_key_id = :key)" : "TRUE";
    }

    private static DatabaseClient.GenericExecuteSpec bindKey(DatabaseClient.GenericExecuteSpec spec, Optional<Long> keyId) {
        return keyId.map(id -> spec.bind("key", id)).orElse(spec);
    }

    private static AuditEntry toAuditEntry(Readable row) {
        return new AuditEntry(row.get("id", Long.class), row.get("api_key_id", Long.class),
                row.get("key_name", String.class), row.get("action", String.class),
                row.get("method", String.class), row.get("path", String.class),
                row.get("status", Integer.class), row.get("remote_address", String.class),
                row.get("target_key_id", Long.class), row.get("target_job_id", String.class),
                row.get("request_summary", String.class), Rows.instant(row, "occurred_at"));
    }

    private static ApiKey toKey(Readable row) {
        return new ApiKey(row.get("id", Long.class), row.get("name", String.class),
                row.get("key_preview", String.class), List.of(row.get("scopes", String[].class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"), Rows.instant(row, "revoked_at"));
    }
}
