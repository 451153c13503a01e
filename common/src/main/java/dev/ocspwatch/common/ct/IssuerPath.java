package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.regex.Pattern;

/**
 * The static-ct-api issuer path, {@code issuer/<fingerprint>}, where the fingerprint is the
 * lower-case hex SHA-256 of the issuer's DER, the same 32 bytes a TileLeaf's certificate_chain
 * holds. The body served there must hash to the fingerprint ({@link #matches}).
 */
public final class IssuerPath {
    private static final Pattern PATH = Pattern.compile("issuer/[0-9a-f]{64}");

    private IssuerPath() {
    }

    public static String of(byte[] fingerprint) {
        Bytes.requireLength(fingerprint, 32, "issuer fingerprint");
        return "issuer/" + Hex.of(fingerprint);
    }

    /** The path of a certificate, fingerprinting its DER. */
    public static String ofCertificate(byte[] der) {
        return of(Bytes.sha256(der));
    }

    public static byte[] parse(String path) throws CtFormatException {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new CtFormatException("not an issuer path (issuer/<64 lower-case hex digits>): \""
                    + (path == null ? "null" : path.length() <= 80 ? path : path.substring(0, 77) + "...") + "\"");
        }
        return Hex.parse(path.substring("issuer/".length()));
    }

    /** Whether {@code der} is what the fingerprint names. */
    public static boolean matches(byte[] fingerprint, byte[] der) {
        return java.security.MessageDigest.isEqual(fingerprint, Bytes.sha256(der));
    }
}
