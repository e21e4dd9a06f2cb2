package io.mdw.api.keys;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a key may do. Admin implies trigger and read; trigger implies read. */
public enum Scope {
    READ, TRIGGER, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "SCOPE_" + code();
    }

    /** The authorities a key with these scopes holds: admin holds all; any key may read. */
    static List<SimpleGrantedAuthority> authorities(List<Scope> scopes) {
        List<Scope> granted = scopes.contains(ADMIN) ? List.of(values())
                : scopes.contains(TRIGGER) ? List.of(READ, TRIGGER) : List.of(READ);
        return granted.stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList();
    }

    /** The scopes given, as stored: each checked, in lower case, once; at least one. */
    static List<String> codes(List<String> given) {
        if (given.isEmpty()) {
            throw ApiProblem.badRequest("'scopes' must name at least one of " + validCodes());
        }
        return given.stream().map(Scope::fromCode).map(Scope::code).distinct().toList();
    }

    static Scope fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code == null ? "" : code.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("Invalid scope '" + Params.abbreviate(code) + "': valid scopes are "
                        + validCodes()));
    }

    private static String validCodes() {
        return Arrays.stream(values()).map(Scope::code).collect(Collectors.joining(", "));
    }
}
