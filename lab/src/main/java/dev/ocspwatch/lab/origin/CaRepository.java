package dev.ocspwatch.lab.origin;

import dev.ocspwatch.lab.pki.CrlEntry;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A CA's repository host: its CRL ({@code /crl}) and its certificate ({@code /issuer.der}, the
 * AIA caIssuers target). The CRL is re-signed at most once a second.
 */
public final class CaRepository {
    public static final String CRL_PATH = "/crl";
    public static final String ISSUER_PATH = "/issuer.der";

    private final SimulatedCa ca;
    private final Supplier<List<CrlEntry>> revoked;
    private byte[] crl;
    private Instant crlMadeAt = Instant.MIN;
    private long crlNumber;

    public CaRepository(SimulatedCa ca, Supplier<List<CrlEntry>> revoked) {
        this.ca = ca;
        this.revoked = revoked;
    }

    /** Status, content type and body for {@code path}, or null for a path this host does not serve. */
    public synchronized OriginAnswer answer(String path, Instant now) {
        if (path.equals(ISSUER_PATH)) {
            return new OriginAnswer(200, "application/pkix-cert", Der.of(ca.certificate()), Duration.ofHours(1),
                    Duration.ZERO, null, null, true);
        }
        if (path.equals(CRL_PATH)) {
            if (crl == null || Duration.between(crlMadeAt, now).compareTo(Duration.ofSeconds(1)) >= 0) {
                crl = ca.crl(revoked.get(), now, now.plus(Duration.ofDays(1)), BigInteger.valueOf(++crlNumber));
                crlMadeAt = now;
            }
            return new OriginAnswer(200, "application/pkix-crl", crl, Duration.ofSeconds(1), Duration.ZERO, null, null, true);
        }
        return null;
    }
}
