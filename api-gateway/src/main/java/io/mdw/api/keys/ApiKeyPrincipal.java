package io.mdw.api.keys;

import java.util.List;

/** The key a request authenticated with. */
public record ApiKeyPrincipal(long id, String name, List<Scope> scopes) {
}
