package io.mdw.api.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MDW_ADMIN_API_KEY: an operator-chosen admin key that exists and is active whenever the API starts (its length is
 * checked earlier, when {@link AdminKeySettings} is bound). Changing the variable rotates the key: the key an earlier
 * value made is revoked, so a leaked one is gone once the API restarts with a new value; a revoked key is never made
 * active again, so the API refuses to start with one.
 */
@Component
// the API server's start only: ./mdw keys runs this application too, from whatever shell, with whatever value it has
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class AdminKeyBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    /**
     * Not the key's first characters, as for a generated key (where they are "mdw_" and four random ones): 8 of an
     * operator's 20 would be 40% of the secret, listed by ./mdw keys list and GET /api/v1/admin/api-keys.
     */
    static final String OPERATOR_KEY_PREVIEW = "(not shown)";
    private static final String NAME = "admin (MDW_ADMIN_API_KEY)";
    private static final String VARIABLE = "MDW_ADMIN_API_KEY";

    private final ApiKeyRepository keys;
    private final String adminKey;

    AdminKeyBootstrap(ApiKeyRepository keys, AdminKeySettings settings) {
        this.keys = keys;
        this.adminKey = settings.adminApiKey();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (adminKey.isEmpty()) {
            return;
        }
        String hash = KeyMaterial.hash(adminKey);
        ApiKey key = keys.ensureAdmin(NAME, hash, OPERATOR_KEY_PREVIEW)
                .flatMap(ensured -> keys.auditSystem(VARIABLE, "ensure admin key", ensured.id()).thenReturn(ensured))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("MDW_ADMIN_API_KEY holds a key that was"
                        + " revoked, for good: set it to a new value (20+ characters), or unset it")))
                .block();
        log.info("Admin API key from MDW_ADMIN_API_KEY is active (id {})", key.id());
        keys.revokeAllBut(NAME, OPERATOR_KEY_PREVIEW, hash)
                .concatMap(replaced -> keys.auditSystem(VARIABLE, "revoke replaced admin key", replaced.id())
                        .thenReturn(replaced))
                .doOnNext(replaced -> log.info("Admin API key {} of an earlier MDW_ADMIN_API_KEY is revoked",
                        replaced.id()))
                .blockLast();
    }
}
