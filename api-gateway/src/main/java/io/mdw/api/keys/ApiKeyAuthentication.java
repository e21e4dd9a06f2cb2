package io.mdw.api.keys;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** Before authentication it carries the presented key; after, the key's principal and scopes. */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String presentedKey;
    private final ApiKeyPrincipal principal;

    private ApiKeyAuthentication(String presentedKey, ApiKeyPrincipal principal) {
        super(principal == null ? List.of() : Scope.authorities(principal.scopes()));
        this.presentedKey = presentedKey;
        this.principal = principal;
        setAuthenticated(principal != null);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(key, null);
    }

    static ApiKeyAuthentication of(ApiKeyPrincipal principal) {
        return new ApiKeyAuthentication(null, principal);
    }

    String presentedKey() {
        return presentedKey;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal == null ? "anonymous" : principal.name();
    }
}
