package dev.ocspwatch.lab.world;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.origin.CaRepository;
import dev.ocspwatch.lab.origin.OcspOrigin;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.CrlEntry;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.scenario.CaSpec;
import dev.ocspwatch.lab.status.SignedResponse;
import dev.ocspwatch.lab.status.StatusDatabase;
import dev.ocspwatch.lab.truth.GroundTruth;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One simulated CA at work: it issues a precertificate, logs it, issues the final certificate
 * (or, for some, never does) and logs that too; it tells its status database at issuance, and
 * its signer commits the signed response {@code signerDelay} later; it revokes now and then.
 * Every decision comes from a generator seeded from the scenario.
 */
public final class LabCa {
    private final CaSpec spec;
    private final SimulatedCa ca;
    private final SimulatedCa root;
    private final StatusDatabase database;
    private final OcspSigner signer;
    private final OcspOrigin origin;
    private final CaRepository repository;
    private final WorldTime time;
    private final Random random;
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private final List<CrlEntry> revoked = new CopyOnWriteArrayList<>();
    private final Map<BigInteger, KeyPair> subjectKeys = new ConcurrentHashMap<>();

    /** A certificate this CA issued. */
    public record Issued(BigInteger serial, X509CertificateHolder precertificate, X509CertificateHolder certificate,
                         Instant issuedAt, String certificateId) {
    }

    LabCa(CaSpec spec, SimulatedCa ca, SimulatedCa root, StatusDatabase database, OcspSigner signer, OcspOrigin origin,
          WorldTime time, long seed) {
        this.spec = spec;
        this.ca = ca;
        this.root = root;
        this.database = database;
        this.signer = signer;
        this.origin = origin;
        this.time = time;
        this.random = new Random(seed);
        this.repository = new CaRepository(ca, () -> List.copyOf(revoked));
    }

    /**
     * Issues one precertificate now, logs it in every log, and returns it; the final certificate
     * is issued by {@link #finish} unless this one is among the precertificates never finished.
     */
    public synchronized Issued issue(List<SimulatedCtLog> logs, int port, GroundTruth truth) {
        Instant now = time.now();
        BigInteger serial = nextSerial();
        CertificateProfile profile = profile(serial, port, now);
        SimulatedCa.Issued pre = ca.issue(profile.withPrecertificate(true), serial, subjectKeys(serial));
        X509CertificateHolder precertificate = pre.certificate();
        String id = ca.asIssuer().certificateId(serial).toString();
        truth.issued(id, spec.name(), serial, spec.hasOcsp());
        database.issued(serial, now);
        if (spec.hasOcsp()) {
            // The signer pre-generates the response; replicas can copy it once it is committed.
            Instant signedAt = now.plus(time.real(spec.signerDelay())).truncatedTo(ChronoUnit.SECONDS);
            byte[] der = signer.sign(CertId.of(ca.asIssuer(), serial, CertIdHash.SHA1),
                    OcspAnswer.good(signedAt, spec.responseValidity()));
            database.commit(new SignedResponse(serial, dev.ocspwatch.common.ocsp.CertStatus.GOOD, signedAt,
                    signedAt.plus(spec.responseValidity()), der), now.plus(time.real(spec.signerDelay())));
        }
        for (SimulatedCtLog log : logs) {
            SimulatedCtLog.Submission sct = log.submit(precertificate, chain(), true);
            truth.published(spec.name(), serial, Instant.ofEpochMilli(sct.timestamp()));
        }
        Issued result = new Issued(serial, precertificate, null, now, id);
        issued.add(result);
        return result;
    }

    /** Whether the precertificate with this issuance gets a final certificate (seeded decision). */
    public synchronized boolean willFinish() {
        return random.nextDouble() >= spec.precertOnly();
    }

    /** Issues and logs the final certificate for a precertificate issued earlier. */
    public synchronized X509CertificateHolder finish(Issued precert, List<SimulatedCtLog> logs, int port, GroundTruth truth) {
        X509CertificateHolder certificate = ca.issue(profile(precert.serial(), port, precert.issuedAt()), precert.serial(),
                subjectKeys(precert.serial())).certificate();
        subjectKeys.remove(precert.serial());
        for (SimulatedCtLog log : logs) {
            SimulatedCtLog.Submission sct = log.submit(certificate, chain(), false);
            truth.published(spec.name(), precert.serial(), Instant.ofEpochMilli(sct.timestamp()));
        }
        issued.replaceAll(i -> i.serial().equals(precert.serial())
                ? new Issued(i.serial(), i.precertificate(), certificate, i.issuedAt(), i.certificateId()) : i);
        return certificate;
    }

    /** Revokes one issued, unrevoked certificate (seeded pick); its revoked response commits after the signer delay. */
    public synchronized BigInteger revokeOne() {
        List<BigInteger> candidates = new ArrayList<>();
        for (Issued certificate : issued) {
            if (revoked.stream().noneMatch(r -> r.serial().equals(certificate.serial()))) {
                candidates.add(certificate.serial());
            }
        }
        if (candidates.isEmpty() || !spec.hasOcsp()) {
            return null;
        }
        BigInteger serial = candidates.get(random.nextInt(candidates.size()));
        Instant now = time.now();
        int reason = new int[] {1, 4, 5}[random.nextInt(3)]; // keyCompromise, superseded, cessationOfOperation
        revoked.add(new CrlEntry(serial, now, reason));
        Instant signedAt = now.plus(time.real(spec.signerDelay())).truncatedTo(ChronoUnit.SECONDS);
        byte[] der = signer.sign(CertId.of(ca.asIssuer(), serial, CertIdHash.SHA1),
                OcspAnswer.revoked(signedAt, spec.responseValidity(), now.truncatedTo(ChronoUnit.SECONDS), reason));
        database.commit(new SignedResponse(serial, dev.ocspwatch.common.ocsp.CertStatus.REVOKED, signedAt,
                signedAt.plus(spec.responseValidity()), der), now.plus(time.real(spec.signerDelay())));
        return serial;
    }

    private CertificateProfile profile(BigInteger serial, int port, Instant issuedAt) {
        String base = "http://" + spec.repositoryHost() + ":" + port;
        return new CertificateProfile(List.of(serial.toString(16) + "." + spec.name() + ".example"),
                issuedAt.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(90),
                spec.hasOcsp() ? List.of("http://" + spec.ocspHost() + ":" + port + "/") : List.of(),
                List.of(base + CaRepository.CRL_PATH), List.of(base + CaRepository.ISSUER_PATH), false);
    }

    /** The subscriber's key: kept per serial until the final certificate certifies it too. */
    private KeyPair subjectKeys(BigInteger serial) {
        return subjectKeys.computeIfAbsent(serial, s -> KeyKind.ECDSA_P256.generate());
    }

    private BigInteger nextSerial() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x3f) | 0x40);
        return new BigInteger(bytes);
    }

    private List<X509CertificateHolder> chain() {
        return List.of(ca.certificate(), root.certificate());
    }

    public CaSpec spec() {
        return spec;
    }

    public SimulatedCa ca() {
        return ca;
    }

    public SimulatedCa root() {
        return root;
    }

    public OcspOrigin origin() {
        return origin;
    }

    public CaRepository repository() {
        return repository;
    }

    public StatusDatabase database() {
        return database;
    }

    public List<Issued> issued() {
        return List.copyOf(issued);
    }
}
