package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * RFC 6962 3.2: a log's ID is the SHA-256 of its public key's DER SubjectPublicKeyInfo. Log
 * lists (v3 {@code log_id}) write it in standard base64; static-ct-api puts it in the key ID of
 * the checkpoint's signature line.
 */
public record LogId(byte[] bytes) {
    public LogId {
        Bytes.requireLength(bytes, 32, "log ID");
    }

    public static LogId ofSpki(byte[] spkiDer) {
        return new LogId(Bytes.sha256(spkiDer));
    }

    /** From a JCA key, whose {@code getEncoded()} is the DER SubjectPublicKeyInfo. */
    public static LogId of(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || !"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("public key has no SubjectPublicKeyInfo encoding: " + key.getFormat());
        }
        return ofSpki(spki);
    }

    public static LogId fromBase64(String base64) throws CtFormatException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("log ID is not base64: \"" + JsonFields.abbreviate(base64) + "\"");
        }
        if (bytes.length != 32) {
            throw new CtFormatException("log ID has " + bytes.length + " bytes, not 32: \"" + JsonFields.abbreviate(base64) + "\"");
        }
        return new LogId(bytes);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String hex() {
        return Hex.of(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }
}
