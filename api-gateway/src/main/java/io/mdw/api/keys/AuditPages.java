package io.mdw.api.keys;

import io.mdw.api.web.Params;
import java.util.List;
import java.util.Optional;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.keys.ApiKeyRepository.AuditEntryPlace;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The audit lists' pages: {@code limit} entries, newest first, from after the entry {@code after} names, and a link to
 * the next page while there is one. An entry's id marks the place rather than an offset, so that entries recorded
 * while a client pages through do not shift the pages it has yet to read.
 */
@Component
class AuditPages {

    static final int MAX_LIMIT = 1000;

    private final ApiKeyRepository keys;

    AuditPages(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** One page of entries; {@code next} is null on the last. */
    @NullMarked
    record AuditPage(List<AuditEntry> entries, @Nullable String next) {
    }

    /** A page of the key's entries when a key is given, else of the whole audit. */
    Mono<AuditPage> read(ServerHttpRequest request, Optional<Long> keyId, int limit, Long after) {
        Params.between("limit", limit, 1, MAX_LIMIT);
        Mono<Optional<AuditEntryPlace>> place = after == null ? Mono.just(Optional.empty())
                : keys.auditEntryPlace(keyId, after).map(Optional::of).switchIfEmpty(Mono.error(() -> ApiProblem.badRequest(
                        "'after' is " + after + ", which is no " + keyId.map(id -> "entry of key " + id + "'s audit")
                                .orElse("audit entry's id") + "; follow a page's 'next' link, or leave 'after' out to "
                                + "start from the newest entry")));
        // one entry more than the page tells whether a next page exists
        return place.flatMap(from -> keys.audit(keyId, limit + 1, from).collectList()).map(read -> {
            if (read.size() <= limit) {
                return new AuditPage(read, null);
            }
            List<AuditEntry> page = read.subList(0, limit);
            String next = request.getPath().value() + "?limit=" + limit + "&after=" + page.get(limit - 1).id();
            return new AuditPage(page, next);
        });
    }
}
