package io.mdw.api.keys;

import java.util.List;

import io.mdw.api.web.ApiDocs;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The OpenAPI document says which operations need a key, and of which scope, by the rules {@link SecurityConfig} applies. */
@Component
class KeyRequirementDocs implements OpenApiCustomizer {

    private final ApiProperties properties;

    KeyRequirementDocs(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            Scope scope = SecurityConfig.requiredScope(path);
            if (SecurityConfig.ALWAYS_PUBLIC.contains(path) || scope == Scope.READ && properties.publicReads()) {
                // no key needed: the document-wide key requirement does not apply
                operation.setSecurity(List.of());
                return;
            }
            operation.getResponses().addApiResponse("401", ApiDocs.problem("No " + SecurityConfig.HEADER
                    + " header, or an unknown, paused or revoked key"));
            if (scope != Scope.READ) {
                operation.getResponses().addApiResponse("403", ApiDocs.problem("The key lacks the '" + scope.code()
                        + "' scope"));
            }
        }));
    }
}
