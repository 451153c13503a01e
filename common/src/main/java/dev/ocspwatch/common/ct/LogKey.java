package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.x509.PublicKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A log's public key as log lists give it (base64 DER SubjectPublicKeyInfo, the v3 {@code key}
 * field) or as a PEM file, with its {@link LogId} computed over exactly those DER bytes.
 */
public record LogKey(PublicKey publicKey, LogId logId) {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]*)-----END PUBLIC KEY-----");

    public static LogKey fromSpki(byte[] der) throws CtFormatException {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException("log key is not a DER SubjectPublicKeyInfo (" + der.length + " bytes): " + e.getMessage());
        }
        try {
            return new LogKey(PublicKeys.of(spki), LogId.ofSpki(der));
        } catch (GeneralSecurityException e) {
            throw new CtFormatException("log key: " + e.getMessage());
        }
    }

    public static LogKey fromBase64(String base64) throws CtFormatException {
        try {
            return fromSpki(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("log key is not base64: \"" + JsonFields.abbreviate(base64) + "\"");
        }
    }

    public static LogKey fromPem(String pem) throws CtFormatException {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new CtFormatException("no PUBLIC KEY block in PEM: \"" + JsonFields.abbreviate(pem) + "\"");
        }
        try {
            return fromSpki(Base64.getMimeDecoder().decode(m.group(1)));
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("PUBLIC KEY block is not base64");
        }
    }
}
