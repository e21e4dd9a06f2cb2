package io.mdw.api.keys;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The whole audit, newest first: what keys did through the API and what was done on the command line
 * ({@code ./mdw keys create}, {@code symbols}, {@code submit}, {@code restart}), which no key's audit holds.
 */
@RestController
class AuditController {

    private final AuditPages auditPages;

    AuditController(AuditPages auditPages) {
        this.auditPages = auditPages;
    }

    @NullMarked
    record AuditLog(int count, List<AuditEntry> entries, @Nullable String next) {
    }

    @Operation(summary = "The whole audit: every key's actions and the command line's",
            description = "Newest first, 'limit' entries a page (1-1000, default 100); 'next' links to the page after, "
                    + "from after the entry whose id 'after' gives, and is null on the last page.")
    @GetMapping("/api/v1/admin/audit")
    Mono<AuditLog> audit(@Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + AuditPages.MAX_LIMIT))
                         @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long after,
                         ServerHttpRequest request) {
        return auditPages.read(request, Optional.empty(), limit, after)
                .map(page -> new AuditLog(page.entries().size(), page.entries(), page.next()));
    }
}
