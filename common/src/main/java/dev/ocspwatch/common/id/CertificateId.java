package dev.ocspwatch.common.id;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity ocspwatch gives a certificate (DESIGN.md, "Identity and time"): lower-case hex
 * SHA-256 of the issuer's SubjectPublicKeyInfo, {@code :}, the serial as minimal lower-case
 * hex. A precertificate and its final certificate share it, as does every log holding either,
 * because CT's issuer_key_hash is that same SHA-256.
 */
public record CertificateId(String issuerSpkiSha256, BigInteger serial) {
    private static final Pattern SERIAL = Pattern.compile("-?[0-9a-f]{1,64}");

    public CertificateId {
        Objects.requireNonNull(issuerSpkiSha256, "issuerSpkiSha256");
        Objects.requireNonNull(serial, "serial");
        if (!isLowerHex64(issuerSpkiSha256)) {
            throw new IllegalArgumentException(
                    "issuer SPKI hash must be 64 lower-case hex digits: \"" + Hex.abbreviate(issuerSpkiSha256) + "\"");
        }
    }

    /** From the issuer's DER SubjectPublicKeyInfo and the certificate's serial. */
    private static boolean isLowerHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static CertificateId of(byte[] issuerSpkiDer, BigInteger serial) {
        return new CertificateId(Hex.of(sha256(issuerSpkiDer)), serial);
    }

    /** Parses the form {@link #toString()} writes; the error quotes the bad input. */
    public static CertificateId parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "certificate id must be <issuer SPKI SHA-256 hex>:<serial hex>: \"" + Hex.abbreviate(text) + "\"");
        }
        String hash = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String serial = text.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("certificate id serial is not hex: \"" + Hex.abbreviate(text) + "\"");
        }
        return new CertificateId(hash, new BigInteger(serial, 16));
    }

    public String serialHex() {
        return hex(serial);
    }

    @Override
    public String toString() {
        return issuerSpkiSha256 + ":" + serialHex();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Minimal lower-case hex, as {@code serial.toString(16)} but without its division loop (a hot path in discovery). */
    public static String hex(BigInteger serial) {
        if (serial.signum() < 0) {
            return serial.toString(16);
        }
        String hex = java.util.HexFormat.of().formatHex(serial.toByteArray());
        int first = 0;
        while (first < hex.length() - 1 && hex.charAt(first) == '0') {
            first++;
        }
        return hex.substring(first);
    }
}
