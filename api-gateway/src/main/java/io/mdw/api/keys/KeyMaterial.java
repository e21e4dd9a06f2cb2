package io.mdw.api.keys;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Generation and hashing of API keys: {@code mdw_} + 32 random bytes in base64url; stored as SHA-256 hex. */
public final class KeyMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREVIEW_LENGTH = 8;
    /** What {@link #newKey()} makes: the prefix and 43 base64url characters. */
    private static final Pattern KEY = Pattern.compile("mdw_[A-Za-z0-9_-]{43}");

    private KeyMaterial() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "mdw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static String preview(String key) {
        return key.substring(0, Math.min(PREVIEW_LENGTH, key.length())) + "…";
    }

    /**
     * The text with each key in it shown as keys are listed: the operator's key (MDW_ADMIN_API_KEY, empty when unset),
     * whatever its shape, as sent or URL-encoded, as {@code (not shown)}; every other key as its preview.
     */
    public static String withKeysAsPreviews(String text, String operatorKey) {
        String shown = text;
        if (!operatorKey.isEmpty()) {
            String encoded = URLEncoder.encode(operatorKey, StandardCharsets.UTF_8);
            for (String form : new String[] {operatorKey, encoded, encoded.replace("+", "%20")}) {
                shown = shown.replace(form, AdminKeyBootstrap.OPERATOR_KEY_PREVIEW);
            }
        }
        return KEY.matcher(shown).replaceAll(key -> preview(key.group()));
    }
}
