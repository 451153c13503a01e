package dev.ocspwatch.common.x509;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Reads certificates as people and servers hand them over: PEM (one or many CERTIFICATE or
 * PKCS7 blocks), a single DER certificate, or a DER PKCS#7 "certs-only" bundle (what AIA
 * caIssuers URLs often serve as .p7c). Every failure is one line naming the source.
 */
public final class CertificateFiles {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private CertificateFiles() {
    }

    public static List<X509CertificateHolder> read(Path path) throws CertificateInputException {
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new CertificateInputException(path + ": larger than " + MAX_BYTES + " bytes, not a certificate file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CertificateInputException(path + ": no such file");
        } catch (IOException e) {
            throw new CertificateInputException(path + ": cannot read: " + e.getMessage());
        }
        return parse(bytes, path.toString());
    }

    /** Parses PEM or DER bytes; {@code source} names them in errors (a path or a URL). */
    public static List<X509CertificateHolder> parse(byte[] bytes, String source) throws CertificateInputException {
        if (bytes.length == 0) {
            throw new CertificateInputException(source + ": empty, not a certificate");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return parsePem(text, source);
        }
        return parseDer(bytes, source);
    }

    private static List<X509CertificateHolder> parsePem(String text, String source) throws CertificateInputException {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<String> otherTypes = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(text);
        int block = 0;
        while (m.find()) {
            block++;
            String type = m.group(1);
            if (!type.equals("CERTIFICATE") && !type.equals("PKCS7") && !type.equals("X509 CERTIFICATE")) {
                otherTypes.add(type);
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new CertificateInputException(source + ": PEM block " + block + " is not valid base64");
            }
            certificates.addAll(parseDer(der, source + " (PEM block " + block + ")"));
        }
        if (certificates.isEmpty()) {
            throw new CertificateInputException(source + ": no CERTIFICATE block"
                    + (otherTypes.isEmpty() ? " (unterminated or damaged PEM)" : " (found " + String.join(", ", otherTypes) + ")"));
        }
        return certificates;
    }

    private static List<X509CertificateHolder> parseDer(byte[] der, String source) throws CertificateInputException {
        // Indefinite length (BER) is what many PKCS#7 writers emit, Bouncy Castle's own among them;
        // it is accepted for a PKCS#7 bundle only: a certificate itself must be DER.
        boolean indefinite = der.length >= 2 && der[0] == 0x30 && (der[1] & 0xff) == 0x80;
        if (!indefinite) {
            checkOuterLength(der, source);
        }
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new CertificateInputException(source + ": not DER: " + e.getMessage());
        }
        if (!(primitive instanceof ASN1Sequence sequence) || sequence.size() == 0) {
            throw new CertificateInputException(source + ": not a certificate (DER is not a SEQUENCE)");
        }
        if (sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier oid) {
            return parsePkcs7(sequence, oid, source);
        }
        if (indefinite) {
            throw new CertificateInputException(source + ": not a certificate (indefinite-length BER, certificates must be DER)");
        }
        try {
            return List.of(new X509CertificateHolder(Certificate.getInstance(sequence)));
        } catch (RuntimeException e) {
            throw new CertificateInputException(source + ": not a certificate: " + e.getMessage());
        }
    }

    private static List<X509CertificateHolder> parsePkcs7(ASN1Sequence sequence, ASN1ObjectIdentifier oid, String source)
            throws CertificateInputException {
        if (!oid.equals(PKCSObjectIdentifiers.signedData)) {
            throw new CertificateInputException(source + ": not a certificate (a ContentInfo of type " + oid.getId() + ")");
        }
        try {
            SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(sequence).getContent());
            ASN1Set set = signedData.getCertificates();
            List<X509CertificateHolder> out = new ArrayList<>();
            if (set != null) {
                for (ASN1Encodable element : set) {
                    if (element instanceof ASN1TaggedObject) {
                        continue; // attribute certificates and other choices are not X.509 certificates
                    }
                    out.add(new X509CertificateHolder(Certificate.getInstance(element)));
                }
            }
            if (out.isEmpty()) {
                throw new CertificateInputException(source + ": PKCS#7 bundle holds no certificates");
            }
            return out;
        } catch (RuntimeException e) {
            throw new CertificateInputException(source + ": damaged PKCS#7 bundle: " + e.getMessage());
        }
    }

    /** A truncated file is the commonest damage; say so plainly instead of a parser's message. */
    private static void checkOuterLength(byte[] der, String source) throws CertificateInputException {
        if (der.length < 2 || der[0] != 0x30) {
            throw new CertificateInputException(source + ": not a certificate (expected PEM, or DER starting with a SEQUENCE)");
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || der.length < 2 + n) {
                throw new CertificateInputException(source + ": truncated or invalid DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            header = 2 + n;
        }
        if (header + length > der.length) {
            throw new CertificateInputException(source + ": truncated DER: declares " + (header + length)
                    + " bytes, has " + der.length);
        }
        if (header + length < der.length) {
            throw new CertificateInputException(source + ": " + (der.length - header - length)
                    + " bytes of trailing data after the DER certificate");
        }
    }
}
