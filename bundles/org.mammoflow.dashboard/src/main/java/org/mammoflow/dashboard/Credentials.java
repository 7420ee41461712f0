package org.mammoflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one user who may change things, as configured. With no user or password configured nobody may:
 * there is no default login.
 */
record Credentials(String user, String password) {

    static final String SHA_256 = "{sha-256}";

    static Credentials of(DashboardSettings settings) {
        return new Credentials(settings.user().trim(), settings.password());
    }

    boolean configured() {
        return !user.isEmpty() && !password.isEmpty();
    }

    boolean accept(String givenUser, String givenPassword) {
        if (!configured() || givenUser == null || givenPassword == null) {
            return false;
        }
        boolean hashed = password.toLowerCase(Locale.ROOT).startsWith(SHA_256);
        String expected = hashed ? password.substring(SHA_256.length()).trim().toLowerCase(Locale.ROOT) : password;
        String given = hashed ? sha256(givenPassword) : givenPassword;
        // both compared in constant time, so that timing tells nothing of either
        boolean userMatches = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                givenUser.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))
                & userMatches;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
