package dev.ocspwatch.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocspwatch.common.x509.CertificateFiles;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The test vectors under {@code src/test/resources/vectors/} (a copy of the shared vectors with
 * their README and {@code expected-openssl-facts.json}), read from the classpath.
 */
public final class Vectors {
    private static final String ROOT = "/vectors/";
    private static JsonNode facts;

    private Vectors() {
    }

    /** The bytes of {@code vectors/<relative>}, e.g. {@code ocsp/openssl/ND1.der}. */
    public static byte[] bytes(String relative) {
        try (InputStream in = Vectors.class.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + relative + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a vector, for APIs that take a path (the test classpath is a directory). */
    public static Path path(String relative) {
        URL url = Vectors.class.getResource(ROOT + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test vector " + relative + " on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<X509CertificateHolder> certificates(String relative) {
        try {
            return CertificateFiles.parse(bytes(relative), relative);
        } catch (CertificateInputException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509CertificateHolder certificate(String relative) {
        return certificates(relative).get(0);
    }

    public static IssuerCertificate issuer(String relative) {
        try {
            return IssuerCertificate.of(certificate(relative));
        } catch (CertificateInputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** expected-openssl-facts.json: {@code ocsp} (responses, requests, certificates) and {@code certs}. */
    public static synchronized JsonNode facts() {
        if (facts == null) {
            try {
                facts = new ObjectMapper().readTree(bytes("expected-openssl-facts.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return facts;
    }

    /** The entries of {@code facts().ocsp} of one kind ("ocsp-response", "ocsp-request", "certificate"). */
    public static List<JsonNode> ocspFacts(String kind) {
        return select(facts().get("ocsp"), e -> kind.equals(e.get("kind").asText()));
    }

    public static JsonNode fact(String file) {
        for (JsonNode section : List.of(facts().get("ocsp"), facts().get("certs"))) {
            for (JsonNode e : section) {
                if (e.get("file").asText().equals(file)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("no facts for " + file);
    }

    public static List<JsonNode> select(JsonNode array, Predicate<JsonNode> filter) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : array) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
