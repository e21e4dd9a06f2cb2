package io.mdw.api.keys;

import java.util.List;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Creating a key, the same for the API and {@code mdw keys create}: a new random key, stored hashed. */
@Component
class ApiKeys {

    private final ApiKeyRepository keys;

    ApiKeys(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** Checks the name and the scopes (an ApiProblem saying what to fix) before anything is stored. */
    Mono<CreatedApiKey> create(String name, List<String> scopes) {
        String checkedName = ApiKey.name(name);
        List<String> codes = Scope.codes(scopes);
        String key = KeyMaterial.newKey();
        return keys.insert(checkedName, KeyMaterial.hash(key), KeyMaterial.preview(key), codes)
                .map(created -> CreatedApiKey.of(created, key));
    }
}
