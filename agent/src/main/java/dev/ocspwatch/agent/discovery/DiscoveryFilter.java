package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.kafka.CertificateRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which certificates discovery publishes, for each kind of user: a CA team watching its own
 * issuers (by issuer SPKI hash or a substring of the issuer DN), its own responders (by OCSP
 * host), or a researcher sampling the whole ecosystem (1 in N, chosen by certificate id, so
 * every region and every run picks the same certificates). Empty lists match everything.
 *
 * @param sampleOneIn keep a certificate when SHA-256(id) mod N is 0; 1 keeps all
 */
public record DiscoveryFilter(List<String> issuerSpkiSha256, List<String> issuerDnContains, List<String> ocspHosts,
                              int sampleOneIn) {
    public static final DiscoveryFilter ALL = new DiscoveryFilter(List.of(), List.of(), List.of(), 1);

    public DiscoveryFilter {
        issuerSpkiSha256 = issuerSpkiSha256 == null ? List.of()
                : issuerSpkiSha256.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        issuerDnContains = issuerDnContains == null ? List.of()
                : issuerDnContains.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        ocspHosts = ocspHosts == null ? List.of() : ocspHosts.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        sampleOneIn = sampleOneIn <= 0 ? 1 : sampleOneIn;
    }

    public boolean matches(CertificateRecord certificate) {
        if (!issuerSpkiSha256.isEmpty() && !issuerSpkiSha256.contains(certificate.issuerSpkiSha256())) {
            return false;
        }
        if (!issuerDnContains.isEmpty()) {
            String dn = Objects.requireNonNullElse(certificate.issuerSubject(), "").toLowerCase(Locale.ROOT);
            if (issuerDnContains.stream().noneMatch(dn::contains)) {
                return false;
            }
        }
        if (!ocspHosts.isEmpty() && certificate.ocspUrls().stream().map(DiscoveryFilter::host).noneMatch(ocspHosts::contains)) {
            return false;
        }
        return sampled(certificate.certificateId(), sampleOneIn);
    }

    static boolean sampled(String certificateId, int oneIn) {
        if (oneIn == 1) {
            return true;
        }
        byte[] hash = sha256(certificateId.getBytes(StandardCharsets.US_ASCII));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return Long.remainderUnsigned(value, oneIn) == 0;
    }

    static String host(String url) {
        String rest = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return (close > 0 ? hostPort.substring(1, close) : hostPort).toLowerCase(Locale.ROOT);
        }
        int colon = hostPort.indexOf(':');
        return (colon >= 0 ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
