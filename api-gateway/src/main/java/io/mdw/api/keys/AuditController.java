package io.mdw.api.keys;

import java.util.List;

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

    private final ApiKeyRepository keys;

    AuditController(ApiKeyRepository keys) {
        this.keys = keys;
    }

    record AuditLog(int count, List<AuditEntry> entries) {
    }

    @GetMapping("/api/v1/admin/audit")
    Mono<AuditLog> audit(@RequestParam(defaultValue = "100") int limit) {
        ApiKeyController.checkAuditLimit(limit);
        return keys.audit(limit).collectList().map(entries -> new AuditLog(entries.size(), entries));
    }
}
