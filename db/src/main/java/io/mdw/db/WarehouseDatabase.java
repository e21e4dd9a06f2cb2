package io.mdw.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the warehouse lives: a PostgreSQL JDBC URL and its credentials, and the same database as an R2DBC URL.
 * The password never appears in {@link #toString()} or {@link #describe()}.
 */
public record WarehouseDatabase(String jdbcUrl, String user, String password) {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^/?]+)(?:\\?(.*))?");

    /**
     * Checks the settings; the user and password may also be given as {@code user=} / {@code password=} parameters of the URL.
     *
     * @throws DatabaseSettingException when the URL is not a PostgreSQL JDBC URL or no user is given
     */
    public static WarehouseDatabase of(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !JDBC_URL.matcher(jdbcUrl.strip()).matches()) {
            throw new DatabaseSettingException("MDW_DB_URL is '" + maskPassword(jdbcUrl)
                    + "': must look like jdbc:postgresql://host:5432/database");
        }
        String url = jdbcUrl.strip();
        String effectiveUser = isBlank(user) ? parameter(url, "user").orElse(null) : user;
        if (isBlank(effectiveUser)) {
            throw new DatabaseSettingException("MDW_DB_USER is missing: set it, or add user=... to MDW_DB_URL");
        }
        String effectivePassword = password != null ? password : parameter(url, "password").orElse("");
        return new WarehouseDatabase(url, effectiveUser, effectivePassword);
    }

    /** The same database for R2DBC: host(s), port and database name, plus the URL's options other than the credentials. */
    public String r2dbcUrl() {
        Matcher url = matcher();
        String options = url.group(3) == null ? "" : Arrays.stream(url.group(3).split("&"))
                .filter(option -> !option.startsWith("user=") && !option.startsWith("password="))
                // r2dbc-postgresql spells the one option commonly given in a JDBC URL differently
                .map(option -> option.startsWith("sslmode=") ? "sslMode=" + option.substring("sslmode=".length()) : option)
                .collect(Collectors.joining("&"));
        return "r2dbc:postgresql://" + url.group(1) + "/" + url.group(2) + (options.isEmpty() ? "" : "?" + options);
    }

    /** For logs: the URL (password masked) and the user. */
    public String describe() {
        return maskPassword(jdbcUrl) + " as user " + user;
    }

    @Override
    public String toString() {
        return "WarehouseDatabase[" + describe() + "]";
    }

    private Matcher matcher() {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + maskPassword(jdbcUrl));
        }
        return matcher;
    }

    private static Optional<String> parameter(String url, String name) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches() || matcher.group(3) == null) {
            return Optional.empty();
        }
        return Arrays.stream(matcher.group(3).split("&"))
                .filter(option -> option.startsWith(name + "="))
                // decoded as pgjdbc decodes the URL's parameters, so that both drivers get the same password
                .map(option -> decoded(option.substring(name.length() + 1), name))
                .findFirst();
    }

    /** URLDecoder's own message quotes the characters after a bad %: part of a password. */
    private static String decoded(String value, String name) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DatabaseSettingException("MDW_DB_URL's " + name + "= is not URL-encoded: write % as %25");
        }
    }

    private static String maskPassword(String url) {
        return url == null ? "" : url.replaceAll("password=[^&]*", "password=***");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
