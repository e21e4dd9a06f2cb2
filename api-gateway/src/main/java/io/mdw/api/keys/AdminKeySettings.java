package io.mdw.api.keys;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * MDW_ADMIN_API_KEY ({@code mdw.admin-api-key}), checked when bound, before the API serves anything: too short a key
 * fails start-up with one line. The check is on a derived property, so that the failure never carries the key.
 *
 * @param adminApiKey the key, stripped; empty when not set
 */
@Validated
@ConfigurationProperties("mdw")
public record AdminKeySettings(String adminApiKey) {

    static final int MIN_LENGTH = 20;

    public AdminKeySettings {
        adminApiKey = adminApiKey == null ? "" : adminApiKey.strip();
    }

    @AssertTrue(message = "MDW_ADMIN_API_KEY must be at least " + MIN_LENGTH + " characters, or unset;"
            + " generate one with: openssl rand -base64 32")
    public boolean isAdminApiKeyLongEnough() {
        return adminApiKey.isEmpty() || adminApiKey.length() >= MIN_LENGTH;
    }

    /** Without the key: a record's own toString would print it wherever the settings are logged. */
    @Override
    public String toString() {
        return "AdminKeySettings[adminApiKey=" + (adminApiKey.isEmpty() ? "(not set)" : "(set)") + "]";
    }
}
