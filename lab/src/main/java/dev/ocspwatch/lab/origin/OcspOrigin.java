package dev.ocspwatch.lab.origin;

import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertStatus;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.ResponseStatus;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.scenario.CaSpec;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.status.Replica;
import dev.ocspwatch.lab.status.SignedResponse;
import dev.ocspwatch.lab.status.Site;
import dev.ocspwatch.lab.status.StatusDatabase;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.WorldTime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CA's OCSP origin, as real CAs run it: a web node takes the request, asks a replica picked
 * by its site's load balancer, and returns the pre-signed response that replica holds, or
 * {@code unauthorized} when the replica does not have the serial. Fault switches reshape the
 * answer; each answer carries the outcome it implies, which is the lab's ground truth.
 *
 * <p>Order, from the web tier inward: an HTTP error or {@code tryLater} or a one-byte body
 * replaces everything; then the request must name this CA and a serial it issued; then
 * {@code unknown} during the window after issuance; then the replica lookup; then the signing
 * faults; finally the pre-signed response. Re-signed variants are made once per serial and kept.
 */
public final class OcspOrigin {
    private final SimulatedCa ca;
    private final CaSpec spec;
    private final StatusDatabase database;
    private final Map<String, Site> sites;
    private final Map<String, Scenario.SiteSpec> siteSpecs;
    private final OcspSigner signer;
    private final FaultSigners faultSigners;
    private final FaultBook faults;
    private final WorldTime time;
    private final Map<String, byte[]> resigned = new ConcurrentHashMap<>();

    public OcspOrigin(SimulatedCa ca, CaSpec spec, StatusDatabase database, Map<String, Site> sites,
                      Map<String, Scenario.SiteSpec> siteSpecs, OcspSigner signer, FaultBook faults, WorldTime time, long seed) {
        this.ca = ca;
        this.spec = spec;
        this.database = database;
        this.sites = Map.copyOf(sites);
        this.siteSpecs = Map.copyOf(siteSpecs);
        this.signer = signer;
        this.faultSigners = new FaultSigners(ca, time.start(), seed);
        this.faults = faults;
        this.time = time;
    }

    /** Answers an OCSP request (DER, or null if the HTTP layer could not decode one) at site {@code siteName}. */
    public OriginAnswer answer(byte[] requestDer, String siteName, String region, Instant now) {
        Duration delay = faults.active(Fault.Slow.class, spec.name(), siteName, region, now).map(Fault.Slow::delay)
                .orElse(Duration.ZERO);
        Optional<Fault.HttpStatus> httpError = faults.active(Fault.HttpStatus.class, spec.name(), siteName, region, now);
        BigInteger serial = requestedSerial(requestDer);
        Outcome slow = delay.isZero() ? null : Outcome.TIMEOUT;
        if (httpError.isPresent()) {
            return new OriginAnswer(httpError.get().status(), "text/plain", ("error " + httpError.get().status()).getBytes(StandardCharsets.US_ASCII),
                    real(spec.errorMaxAge()), delay, serial, or(slow, known(serial, Outcome.HTTP_ERROR)), false);
        }
        if (faults.active(Fault.TryLater.class, spec.name(), siteName, region, now).isPresent()) {
            return error(ResponseStatus.TRY_LATER, serial, or(slow, known(serial, Outcome.TRY_LATER)), delay);
        }
        if (faults.active(Fault.OneByteBody.class, spec.name(), siteName, region, now).isPresent()) {
            return new OriginAnswer(200, OriginAnswer.OCSP_RESPONSE, new byte[] {'0'}, real(spec.errorMaxAge()), delay,
                    serial, or(slow, known(serial, Outcome.MALFORMED_RESPONSE)), false);
        }
        if (requestDer == null) {
            return error(ResponseStatus.MALFORMED_REQUEST, null, null, delay);
        }
        if (serial == null) {
            return error(ResponseStatus.UNAUTHORIZED, null, null, delay); // not one of this CA's certificates
        }
        Optional<Instant> issuedAt = database.issuedAt(serial);
        if (issuedAt.isEmpty()) {
            return error(ResponseStatus.UNAUTHORIZED, null, null, delay); // never issued: not tracked
        }
        Optional<Fault.UnknownAfterIssuance> unknown = faults.active(Fault.UnknownAfterIssuance.class, spec.name(), siteName, region, now);
        if (unknown.isPresent() && now.isBefore(issuedAt.get().plus(real(unknown.get().window())))) {
            byte[] body = resigned.computeIfAbsent("unknown:" + serial, k -> signer.sign(certId(serial),
                    OcspAnswer.unknown(issuedAt.get(), spec.responseValidity())));
            return ok(body, serial, or(slow, Outcome.UNKNOWN), delay, real(spec.errorMaxAge()));
        }
        Optional<SignedResponse> held = lookup(serial, siteName, now);
        if (held.isEmpty()) {
            return error(ResponseStatus.UNAUTHORIZED, serial, or(slow, Outcome.UNAUTHORIZED), delay);
        }
        return signed(held.get(), siteName, region, now, or(slow, null), delay);
    }

    private OriginAnswer signed(SignedResponse response, String siteName, String region, Instant now, Outcome slow, Duration delay) {
        BigInteger serial = response.serial();
        if (faults.active(Fault.OtherCertificate.class, spec.name(), siteName, region, now).isPresent()) {
            Optional<SignedResponse> other = otherThan(serial, siteName, now);
            if (other.isPresent()) {
                return ok(other.get().der(), serial, or(slow, Outcome.WRONG_CERT_ID), delay, true);
            }
        }
        if (faults.active(Fault.WrongSigner.class, spec.name(), siteName, region, now).isPresent()) {
            return ok(resign("rogue", response, faultSigners.rogue()), serial, or(slow, Outcome.UNAUTHORIZED_SIGNER), delay, true);
        }
        if (faults.active(Fault.DelegateWithoutEku.class, spec.name(), siteName, region, now).isPresent()) {
            return ok(resign("no-eku", response, faultSigners.withoutEku()), serial, or(slow, Outcome.UNAUTHORIZED_SIGNER), delay, true);
        }
        if (faults.active(Fault.DelegateExpired.class, spec.name(), siteName, region, now).isPresent()) {
            return ok(resign("expired", response, faultSigners.expired()), serial, or(slow, Outcome.UNAUTHORIZED_SIGNER), delay, true);
        }
        if (faults.active(Fault.NextUpdatePast.class, spec.name(), siteName, region, now).isPresent()) {
            byte[] stale = resigned.computeIfAbsent("stale:" + serial, k -> signer.sign(certId(serial),
                    answerFor(response, now.minus(Duration.ofDays(8))).withNextUpdate(now.minus(Duration.ofDays(1)))));
            return ok(stale, serial, or(slow, Outcome.NOT_CURRENT), delay, true);
        }
        Outcome authoritative = response.status() == CertStatus.REVOKED ? Outcome.REVOKED : Outcome.GOOD;
        return ok(response.der(), serial, or(slow, authoritative), delay, true);
    }

    /** What the replica this request lands on holds for {@code serial}, given lag and stalls. */
    private Optional<SignedResponse> lookup(BigInteger serial, String siteName, Instant now) {
        Site site = sites.get(siteName);
        Replica replica = site.pick();
        Duration lag = faults.active(Fault.ReplicaLag.class, spec.name(), siteName, null, now).map(Fault.ReplicaLag::lag)
                .orElse(siteSpecs.get(siteName).lag());
        Instant stalledSince = null;
        for (Fault.ReplicaStall stall : faults.allActive(Fault.ReplicaStall.class, spec.name(), siteName, now)) {
            if (replica.index() < stall.replicas()) {
                Instant since = stall.from() == null ? time.start() : time.at(stall.from());
                stalledSince = stalledSince == null || since.isBefore(stalledSince) ? since : stalledSince;
            }
        }
        return database.lookup(serial, replica.appliedLsn(database, now, real(lag), stalledSince));
    }

    private Optional<SignedResponse> otherThan(BigInteger serial, String siteName, Instant now) {
        List<BigInteger> serials = database.serialsWithResponses();
        serials.sort(BigInteger::compareTo);
        for (BigInteger candidate : serials) {
            if (!candidate.equals(serial)) {
                Optional<SignedResponse> response = database.lookup(candidate, database.lastLsnCommittedBy(now));
                if (response.isPresent()) {
                    return response;
                }
            }
        }
        return Optional.empty();
    }

    private byte[] resign(String variant, SignedResponse response, OcspSigner by) {
        return resigned.computeIfAbsent(variant + ":" + response.serial() + ":" + response.status(),
                k -> by.sign(certId(response.serial()), answerFor(response, response.thisUpdate())));
    }

    private OcspAnswer answerFor(SignedResponse response, Instant thisUpdate) {
        if (response.status() == CertStatus.REVOKED) {
            return OcspAnswer.revoked(thisUpdate, spec.responseValidity(), thisUpdate, null);
        }
        return OcspAnswer.good(thisUpdate, spec.responseValidity());
    }

    private CertId certId(BigInteger serial) {
        return CertId.of(ca.asIssuer(), serial, dev.ocspwatch.common.ocsp.CertIdHash.SHA1);
    }

    /** The serial a request asks about, if its first CertID names this CA under its own hash. */
    private BigInteger requestedSerial(byte[] requestDer) {
        if (requestDer == null) {
            return null;
        }
        try {
            CertId asked = OcspRequest.parse(requestDer).certId();
            String hash = asked.hash().jcaName();
            if (asked.issuerKeyHash().equals(Hex.of(ca.asIssuer().keyHash(hash)))
                    && asked.issuerNameHash().equals(Hex.of(ca.asIssuer().nameHash(hash)))) {
                return asked.serial();
            }
            return null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Outcome known(BigInteger serial, Outcome outcome) {
        return serial != null && database.issuedAt(serial).isPresent() ? outcome : null;
    }

    private OriginAnswer ok(byte[] body, BigInteger serial, Outcome implied, Duration delay, boolean fullMaxAge) {
        return ok(body, serial, implied, delay, fullMaxAge ? real(spec.cacheMaxAge()) : real(spec.errorMaxAge()));
    }

    /** A signed, successful response: CDNs cache these whatever they say. */
    private OriginAnswer ok(byte[] body, BigInteger serial, Outcome implied, Duration delay, Duration maxAge) {
        return new OriginAnswer(200, OriginAnswer.OCSP_RESPONSE, body, maxAge, delay, serial, implied, true);
    }

    private OriginAnswer error(ResponseStatus status, BigInteger serial, Outcome implied, Duration delay) {
        return new OriginAnswer(200, OriginAnswer.OCSP_RESPONSE, OcspSigner.error(status), real(spec.errorMaxAge()), delay,
                serial, implied, false);
    }

    private Duration real(Duration story) {
        return time.real(story);
    }

    private static Outcome or(Outcome first, Outcome second) {
        return first != null ? first : second;
    }

    public String caName() {
        return spec.name();
    }
}
