package dev.ocspwatch.lab.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ct.CtEntry;
import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.scenario.CaSpec;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.Futures;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.truth.CertificateTruth;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A world started from each shipped scenario file (without running its schedule: certificates
 * come from {@link World#issueNow}), checked against the scenario and the certificates it issues.
 */
class WorldTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Futures.await(vertx.close());
    }

    static List<Path> scenarios() {
        return LabScenarios.shippedFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void startsFromTheShippedScenario(Path file) throws Exception {
        Scenario scenario = Scenario.load(file);
        ManualClock clock = new ManualClock(START);
        try (World world = Futures.await(World.start(vertx, scenario, clock), 60)) {
            assertEquals(scenario.cas().stream().map(CaSpec::name).collect(Collectors.toSet()), world.cas().keySet());
            assertEquals(scenario.ctLogs().stream().map(Scenario.CtLogSpec::name).toList(),
                    world.logs().stream().map(SimulatedCtLog::name).toList());
            assertEquals(START, world.time().start());
            Map<String, Integer> numbers = World.regionNumbers(scenario);
            assertEquals(scenario.regions().stream().map(Scenario.RegionSpec::name).toList(), List.copyOf(numbers.keySet()));
            for (int i = 0; i < scenario.regions().size(); i++) {
                assertEquals(i + 1, numbers.get(scenario.regions().get(i).name()));
            }
            for (Scenario.CtLogSpec log : scenario.ctLogs()) {
                assertEquals("http://127.0.0.1:" + world.ctPort() + "/" + log.name() + "/", world.logUrl(log.name()));
            }
            checkDns(world, scenario);

            // Every CA issues one certificate that gets its final certificate and one that never does.
            Map<String, LabCa.Issued> finished = new LinkedHashMap<>();
            Map<String, LabCa.Issued> precertOnly = new LinkedHashMap<>();
            for (String ca : world.cas().keySet()) {
                finished.put(ca, Futures.await(world.issueNow(ca, true)));
                precertOnly.put(ca, Futures.await(world.issueNow(ca, false)));
            }
            Instant issuedAt = clock.instant();
            clock.advance(Duration.ofSeconds(1)); // the final certificates are logged later than their precertificates
            for (Map.Entry<String, LabCa.Issued> entry : finished.entrySet()) {
                LabCa ca = world.cas().get(entry.getKey());
                X509CertificateHolder certificate = finalCertificate(ca, entry.getValue());
                checkCertificates(world, ca, entry.getValue().precertificate(), certificate);
                checkCertificates(world, ca, precertOnly.get(entry.getKey()).precertificate(), null);
            }

            List<CertificateTruth> truth = world.groundTruth();
            Set<String> issuedIds = new java.util.HashSet<>();
            finished.values().forEach(i -> issuedIds.add(i.certificateId()));
            precertOnly.values().forEach(i -> issuedIds.add(i.certificateId()));
            assertEquals(issuedIds, truth.stream().map(CertificateTruth::certificateId).collect(Collectors.toSet()),
                    "the ledger lists every issued certificate");
            Map<BigInteger, Instant> earliest = earliestTimestamps(world);
            for (CertificateTruth certificate : truth) {
                BigInteger serial = new BigInteger(certificate.serial(), 16);
                assertEquals(earliest.get(serial), certificate.publishedAt(), "earliest CT timestamp of " + certificate.certificateId());
                assertEquals(issuedAt, certificate.publishedAt(), "the precertificate's");
                assertEquals(certificate.publishedAt().plus(scenario.deadline()), certificate.deadline());
                assertEquals(certificate.deadline().plus(scenario.real(scenario.watchWindow())), certificate.windowEnd());
                boolean expectPrecertOnly = precertOnly.values().stream().anyMatch(i -> i.certificateId().equals(certificate.certificateId()));
                assertEquals(expectPrecertOnly, certificate.precertOnly(), certificate.certificateId());
                CaSpec spec = world.cas().get(certificate.ca()).spec();
                assertEquals(spec.hasOcsp(), certificate.ocsp());
                if (!spec.hasOcsp()) {
                    assertEquals(Verdict.NOT_APPLICABLE, certificate.verdict());
                } else {
                    assertEquals(Verdict.INCONCLUSIVE, certificate.verdict(), "nobody asked yet: " + certificate.reason());
                }
            }
            List<String> ids = truth.stream().map(CertificateTruth::certificateId).toList();
            assertEquals(ids.stream().sorted().toList(), ids, "sorted by certificate id");
        }
    }

    private static void checkDns(World world, Scenario scenario) {
        Map<String, Integer> numbers = World.regionNumbers(scenario);
        for (CaSpec ca : scenario.cas()) {
            for (Scenario.RegionSpec region : scenario.regions()) {
                boolean refused = scenario.faults().stream().anyMatch(f -> f instanceof Fault.EgressBlocked e && e.from() == null
                        && e.region().equals(region.name()) && (e.ca() == null || e.ca().equals(ca.name()))
                        && e.mode() == Fault.EgressMode.REFUSE);
                InetAddress expected = refused ? LabDns.deadAddress(numbers.get(region.name())) : LabDns.popAddress(numbers.get(region.name()));
                assertEquals(Optional.of(List.of(expected)), world.dns().resolve(region.name(), ca.ocspHost()), ca.ocspHost() + " in " + region);
                assertEquals(Optional.of(List.of(expected)), world.dns().resolve(region.name(), ca.repositoryHost()));
            }
        }
    }

    /** URLs point at the CDN port and the CA's hosts; a final certificate matches its precertificate. */
    private static void checkCertificates(World world, LabCa ca, X509CertificateHolder precertificate, X509CertificateHolder certificate)
            throws Exception {
        int port = world.cdnPort();
        CaSpec spec = ca.spec();
        List<String> ocsp = spec.hasOcsp() ? List.of("http://ocsp." + spec.name() + ".lab:" + port + "/") : List.of();
        List<String> crl = List.of("http://crl." + spec.name() + ".lab:" + port + "/crl");
        List<String> issuer = List.of("http://crl." + spec.name() + ".lab:" + port + "/issuer.der");
        CertificateInfo pre = CertificateInfo.of(precertificate);
        assertTrue(pre.precertificate());
        assertEquals(ocsp, pre.ocspUrls());
        assertEquals(crl, pre.crlUrls());
        assertEquals(issuer, pre.caIssuersUrls());
        assertTrue(precertificate.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(ca.ca().certificate())), "signed by the issuing CA");
        assertEquals(ca.ca().certificate().getSubject(), precertificate.getIssuer());
        assertTrue(ca.ca().certificate().isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(ca.root().certificate())), "the issuing CA is signed by its root");
        if (certificate == null) {
            return;
        }
        CertificateInfo fin = CertificateInfo.of(certificate);
        assertFalse(fin.precertificate());
        assertEquals(precertificate.getSerialNumber(), certificate.getSerialNumber());
        assertArrayEquals(precertificate.getSubjectPublicKeyInfo().getEncoded(), certificate.getSubjectPublicKeyInfo().getEncoded(),
                "precertificate and certificate certify the same key");
        assertEquals(precertificate.getSubject(), certificate.getSubject());
        assertEquals(pre.dnsNames(), fin.dnsNames());
        assertEquals(ocsp, fin.ocspUrls());
        assertEquals(crl, fin.crlUrls());
        assertEquals(issuer, fin.caIssuersUrls());
        CertificateId id = CertificateId.of(ca.ca().certificate().getSubjectPublicKeyInfo().getEncoded(), certificate.getSerialNumber());
        assertEquals(id.toString(), ca.issued().stream().filter(i -> i.serial().equals(certificate.getSerialNumber())).findFirst()
                .orElseThrow().certificateId());
    }

    /** Serial → the earliest SCT timestamp in any log, read from the logs' entries. */
    private static Map<BigInteger, Instant> earliestTimestamps(World world) throws Exception {
        Map<BigInteger, Instant> earliest = new HashMap<>();
        for (SimulatedCtLog log : world.logs()) {
            for (SimulatedCtLog.LogEntry entry : log.entries(0, log.size())) {
                CtEntry logged = entry.leaf().entry().entry();
                BigInteger serial = logged instanceof CtEntry.PrecertEntry precert
                        ? TBSCertificate.getInstance(precert.tbsCertificate()).getSerialNumber().getValue()
                        : new X509CertificateHolder(((CtEntry.X509Entry) logged).certificate()).getSerialNumber();
                Instant at = Instant.ofEpochMilli(entry.leaf().entry().timestamp());
                earliest.merge(serial, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return earliest;
    }

    @Test
    void aPrecertificateNamesItsIssuersKeyInTheLog() throws Exception {
        Scenario scenario = small(List.of());
        try (World world = Futures.await(World.start(vertx, scenario, new ManualClock(START)), 60)) {
            LabCa ca = world.cas().get("small-ca");
            LabCa.Issued issued = Futures.await(world.issueNow("small-ca", false));
            String spkiSha256 = issued.certificateId().substring(0, issued.certificateId().indexOf(':'));
            for (SimulatedCtLog log : world.logs()) {
                List<SimulatedCtLog.LogEntry> entries = log.entries(0, log.size());
                assertEquals(1, entries.size());
                CtEntry.PrecertEntry precert = (CtEntry.PrecertEntry) entries.get(0).leaf().entry().entry();
                assertEquals(spkiSha256, Hex.of(precert.issuerKeyHash()), "issuer_key_hash is the certificate id's left half");
                assertEquals(issued.serial(), TBSCertificate.getInstance(precert.tbsCertificate()).getSerialNumber().getValue());
                assertArrayEquals(issued.precertificate().getEncoded(), entries.get(0).preCertificate());
            }
            assertEquals(ca.ca().asIssuer().spkiSha256(), spkiSha256);
        }
    }

    @Test
    void ctFaultWindowsFollowTheWorldsClock() {
        // ctServerError from story minute 1 to 2: 4/3 s to 8/3 s on the world's clock, whatever the wall clock says.
        Scenario scenario = small(List.of(new Fault.CtServerError(null, Duration.ofMinutes(1), Duration.ofMinutes(2))));
        ManualClock clock = new ManualClock(START);
        HttpClient client = vertx.createHttpClient();
        try (World world = Futures.await(World.start(vertx, scenario, clock), 60)) {
            assertEquals(200, getSth(client, world));
            clock.set(world.time().at(Duration.ofMinutes(1)));
            assertEquals(500, getSth(client, world));
            clock.set(world.time().at(Duration.ofMinutes(2)));
            assertEquals(200, getSth(client, world));
        } finally {
            Futures.await(client.close());
        }
    }

    private static int getSth(HttpClient client, World world) {
        String log = world.logs().get(0).name();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(world.ctPort(), "127.0.0.1"))
                .setHost(LabDns.CT_HOST).setPort(world.ctPort()).setURI("/" + log + "/ct/v1/get-sth");
        Promise<Integer> status = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> client.request(options).compose(r -> r.send())
                .compose(response -> response.body().map(body -> response.statusCode())).onComplete(status));
        return Futures.await(status.future());
    }

    private static Scenario small(List<Fault> faults) {
        return LabScenarios.scenario("small", 1, Duration.ofSeconds(20), Duration.ofMinutes(20),
                List.of(LabScenarios.region("only", "site")), List.of(LabScenarios.site("site", 1, null)),
                List.of(LabScenarios.ca("small-ca").build()), faults);
    }

    /** Waits (on the event loop, not by sleeping) for the CA's timer to issue the final certificate. */
    private static X509CertificateHolder finalCertificate(LabCa ca, LabCa.Issued precertificate) {
        Promise<X509CertificateHolder> done = Promise.promise();
        vertx.setPeriodic(5, id -> ca.issued().stream()
                .filter(i -> i.serial().equals(precertificate.serial()) && i.certificate() != null).findFirst()
                .ifPresent(i -> {
                    vertx.cancelTimer(id);
                    done.tryComplete(i.certificate());
                }));
        return Futures.await(done.future(), 10);
    }
}
