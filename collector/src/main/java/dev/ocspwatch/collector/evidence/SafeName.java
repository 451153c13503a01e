package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.id.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A file-name component made from an untrusted string (a region, a method): only
 * {@code [A-Za-z0-9._-]}, never starting with a dot (so never {@code .} or {@code ..}), never
 * empty, at most 96 characters. A name that had to change gets a short hash of the original,
 * so {@code eu/west} and {@code eu_west} stay apart.
 */
public final class SafeName {
    private static final int MAX = 96;

    private SafeName() {
    }

    public static String of(String untrusted) {
        String original = untrusted == null ? "" : untrusted;
        StringBuilder safe = new StringBuilder(Math.min(original.length(), MAX));
        for (int i = 0; i < original.length() && safe.length() < MAX; i++) {
            char c = original.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' && safe.length() > 0;
            safe.append(allowed ? c : '_');
        }
        String name = safe.toString();
        if (name.equals(original) && !name.isEmpty()) {
            return name;
        }
        return name + (name.isEmpty() ? "" : "-") + shortHash(original);
    }

    private static String shortHash(String original) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8));
            return Hex.of(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
