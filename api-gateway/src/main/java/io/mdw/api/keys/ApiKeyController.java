package io.mdw.api.keys;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.mdw.api.errors.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admin management of API keys: create (shown once), list, rename/re-scope/(de)activate, revoke, audit. */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyController {

    private final ApiKeyRepository keys;
    private final ApiKeys newKeys;
    private final AuditPages auditPages;

    ApiKeyController(ApiKeyRepository keys, ApiKeys newKeys, AuditPages auditPages) {
        this.keys = keys;
        this.newKeys = newKeys;
        this.auditPages = auditPages;
    }

    record CreateKey(String name, List<String> scopes) {
    }

    record UpdateKey(String name, List<String> scopes, Boolean active) {
    }

    @NullMarked
    record KeyList(int count, List<ApiKey> apiKeys) {
    }

    @NullMarked
    record Audit(long apiKeyId, int count, List<AuditEntry> entries, @Nullable String next) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<CreatedApiKey>> create(@RequestBody CreateKey body, ServerWebExchange exchange) {
        AuditWebFilter.auditBody(exchange, body);
        return newKeys.create(body.name(), body.scopes() == null ? List.of("read") : body.scopes())
                .doOnNext(created -> exchange.getAttributes().put(AuditWebFilter.TARGET_KEY_ATTRIBUTE, created.id()))
                .map(created -> ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + created.id())).body(created));
    }

    @GetMapping
    Mono<KeyList> list() {
        return keys.findAll().collectList().map(all -> new KeyList(all.size(), all));
    }

    @GetMapping("/{id}")
    Mono<ApiKey> get(@PathVariable @Parameter(schema = @Schema(type = "integer", format = "int64")) String id) {
        long keyId = ApiKey.requireId(id);
        return keys.find(keyId).switchIfEmpty(Mono.error(() -> notFound(keyId)));
    }

    /**
     * The id is taken as text and parsed here: an id Spring failed to convert left the body to be read after the 400
     * had drained it, and Reactor Netty refused that second reader (logged as an ERROR). No body here is taken as a Mono:
     * one is read by the response writer, whose discard hook (release) stacks on DataBufferUtils.join's, so a body over
     * the size limit had its buffers released twice and other connections' reads failed (HostileInputTest sends one).
     */
    @PutMapping("/{id}")
    Mono<ApiKey> update(@PathVariable @Parameter(schema = @Schema(type = "integer", format = "int64")) String id,
                        @RequestBody UpdateKey body, ServerWebExchange exchange) {
        long keyId = ApiKey.requireId(id);
        AuditWebFilter.auditBody(exchange, body);
        String name = body.name() == null ? null : ApiKey.name(body.name());
        List<String> scopes = body.scopes() == null ? null : Scope.codes(body.scopes());
        return keys.update(keyId, name, scopes, body.active()).switchIfEmpty(Mono.defer(() -> keys.find(keyId)
                .switchIfEmpty(Mono.error(() -> notFound(keyId)))
                .flatMap(revoked -> Mono.<ApiKey>error(() -> ApiProblem.conflict("API key " + keyId + " was revoked at "
                        + revoked.revokedAt() + " and revocation is permanent; create a new key with "
                        + "POST /api/v1/admin/api-keys")))));
    }

    /** Revokes the key for good; it stays listed (inactive) so that its audit keeps a name. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable @Parameter(schema = @Schema(type = "integer", format = "int64")) String id) {
        long keyId = ApiKey.requireId(id);
        return keys.revoke(keyId).switchIfEmpty(Mono.error(() -> notFound(keyId))).then();
    }

    @Operation(summary = "What a key did and what was done to it",
            description = "Newest first, 'limit' entries a page (1-1000, default 100); 'next' links to the page after, "
                    + "from after the entry whose id 'after' gives, and is null on the last page.")
    @GetMapping("/{id}/audit")
    Mono<Audit> audit(@PathVariable @Parameter(schema = @Schema(type = "integer", format = "int64")) String id,
                      @Parameter(schema = @Schema(type = "integer", minimum = "1",
                              maximum = "" + AuditPages.MAX_LIMIT)) @RequestParam(defaultValue = "100") int limit,
                      @RequestParam(required = false) Long after, ServerHttpRequest request) {
        long keyId = ApiKey.requireId(id);
        return keys.find(keyId).switchIfEmpty(Mono.error(() -> notFound(keyId)))
                .flatMap(key -> auditPages.read(request, Optional.of(keyId), limit, after))
                .map(page -> new Audit(keyId, page.entries().size(), page.entries(), page.next()));
    }

    private static ApiProblem notFound(long id) {
        return ApiProblem.notFound("No API key with id " + id + "; GET /api/v1/admin/api-keys lists them");
    }
}
