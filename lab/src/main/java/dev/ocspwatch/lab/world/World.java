package dev.ocspwatch.lab.world;

import dev.ocspwatch.lab.cdn.Cdn;
import dev.ocspwatch.lab.cdn.CdnServer;
import dev.ocspwatch.lab.ct.CtLogServer;
import dev.ocspwatch.lab.ct.LogList;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.origin.CaRepository;
import dev.ocspwatch.lab.origin.OcspOrigin;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.ResponderProfile;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.scenario.CaSpec;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.status.Site;
import dev.ocspwatch.lab.status.StatusDatabase;
import dev.ocspwatch.lab.truth.CertificateTruth;
import dev.ocspwatch.lab.truth.GroundTruth;
import dev.ocspwatch.lab.truth.TruthReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated Web PKI in one JVM, built from a {@link Scenario}: CAs with their status
 * pipelines and origins, a CDN with a point of presence per region, CT logs serving both APIs,
 * a name service per region, the fault switches, and the ground-truth ledger. {@link #start}
 * builds it and starts the CAs issuing; {@link #close} stops everything.
 *
 * <p>Everything random comes from generators seeded with the scenario's seed, so a run is
 * deterministic except for real network timing.
 */
public final class World implements AutoCloseable {
    private static final String CT_ADDRESS = "127.0.0.1";

    private final Scenario scenario;
    private final WorldTime time;
    private final FaultBook faults;
    private final GroundTruth truth;
    private final LabDns dns;
    private final Cdn cdn;
    private final Map<String, LabCa> cas;
    private final List<SimulatedCtLog> logs;
    private final Issuance issuance;
    private CdnServer cdnServer;
    private CtLogServer ctServer;

    private World(Scenario scenario, WorldTime time, FaultBook faults, GroundTruth truth, LabDns dns, Cdn cdn,
                  Map<String, LabCa> cas, List<SimulatedCtLog> logs, Issuance issuance) {
        this.scenario = scenario;
        this.time = time;
        this.faults = faults;
        this.truth = truth;
        this.dns = dns;
        this.cdn = cdn;
        this.cas = cas;
        this.logs = logs;
        this.issuance = issuance;
    }

    /** Builds the world and starts its servers; CAs start issuing only with {@link #startIssuing()}. */
    public static Future<World> start(Vertx vertx, Scenario scenario, Clock clock) {
        return vertx.executeBlocking(() -> build(vertx, scenario, clock), false)
                .compose(world -> world.listen(vertx).map(world));
    }

    private static World build(Vertx vertx, Scenario scenario, Clock clock) {
        WorldTime time = new WorldTime(clock, clock.instant(), scenario);
        FaultBook faults = new FaultBook(time, scenario.faults());
        List<String> regionNames = scenario.regions().stream().map(Scenario.RegionSpec::name).toList();
        GroundTruth truth = new GroundTruth(time, scenario.deadline(), scenario.real(scenario.watchWindow()), regionNames);
        Random seeds = new Random(scenario.seed());
        Map<String, Scenario.SiteSpec> siteSpecs = new LinkedHashMap<>();
        scenario.sites().forEach(site -> siteSpecs.put(site.name(), site));
        Map<String, LabCa> cas = new LinkedHashMap<>();
        Map<String, OcspOrigin> origins = new LinkedHashMap<>();
        Map<String, CaRepository> repositories = new LinkedHashMap<>();
        Map<String, String> caOfHost = new LinkedHashMap<>();
        for (CaSpec spec : scenario.cas()) {
            LabCa ca = buildCa(spec, scenario, siteSpecs, faults, time, seeds.nextLong());
            cas.put(spec.name(), ca);
            origins.put(spec.ocspHost(), ca.origin());
            repositories.put(spec.repositoryHost(), ca.repository());
            caOfHost.put(spec.ocspHost(), spec.name());
            caOfHost.put(spec.repositoryHost(), spec.name());
        }
        List<SimulatedCtLog> logs = new ArrayList<>();
        for (Scenario.CtLogSpec spec : scenario.ctLogs()) {
            logs.add(new SimulatedCtLog(spec.name(), KeyKind.ECDSA_P256.generate(), clock, scenario.real(spec.mergeDelay())));
        }
        Map<String, Integer> numbers = regionNumbers(scenario);
        Map<String, String> siteOfRegion = new LinkedHashMap<>();
        scenario.regions().forEach(region -> siteOfRegion.put(region.name(), region.site()));
        Cdn cdn = new Cdn(origins, repositories, siteOfRegion, faults, truth, time);
        LabDns dns = new LabDns(numbers, caOfHost, faults, time);
        Issuance issuance = new Issuance(vertx, scenario, time, cas, logs, truth);
        return new World(scenario, time, faults, truth, dns, cdn, cas, logs, issuance);
    }

    private static LabCa buildCa(CaSpec spec, Scenario scenario, Map<String, Scenario.SiteSpec> siteSpecs, FaultBook faults,
                                 WorldTime time, long seed) {
        Random random = new Random(seed);
        SimulatedCa root = SimulatedCa.root(spec.name() + " Root", spec.key(), time.start().minus(Duration.ofDays(365)), random);
        SimulatedCa ca = root.intermediate(spec.name() + " Issuing CA", spec.key(), time.start().minus(Duration.ofDays(180)),
                List.of(), List.of());
        StatusDatabase database = new StatusDatabase();
        Map<String, Site> sites = new LinkedHashMap<>();
        for (Scenario.SiteSpec site : scenario.sites()) {
            sites.put(site.name(), new Site(site.name(), site.replicas(), random.nextLong()));
        }
        OcspSigner signer = spec.delegated()
                ? ca.delegatedResponder(ResponderProfile.proper(spec.name() + " OCSP Responder", spec.key(),
                        time.start().minus(Duration.ofDays(7)), time.start().plus(Duration.ofDays(90))))
                : ca.signer();
        OcspOrigin origin = new OcspOrigin(ca, spec, database, sites, siteSpecs, signer, faults, time, random.nextLong());
        return new LabCa(spec, ca, root, database, signer, origin, time, random.nextLong());
    }

    private Future<Void> listen(Vertx vertx) {
        Map<String, Integer> maxGetEntries = new LinkedHashMap<>();
        scenario.ctLogs().forEach(spec -> maxGetEntries.put(spec.name(), spec.maxGetEntries()));
        List<byte[]> roots = cas.values().stream().map(ca -> Der.of(ca.root().certificate())).toList();
        return CdnServer.start(vertx, cdn, regionNumbers(scenario), 0).compose(server -> {
            cdnServer = server;
            return CtLogServer.start(vertx, logs, maxGetEntries, roots, faults, time.clock(), 0);
        }).map(server -> {
            ctServer = server;
            logs.forEach(log -> log.origin(CT_ADDRESS + ":" + server.port() + "/" + log.name()));
            Map<String, Scenario.CtApi> apis = new LinkedHashMap<>();
            Map<String, String> urls = new LinkedHashMap<>();
            scenario.ctLogs().forEach(spec -> {
                apis.put(spec.name(), spec.api());
                urls.put(spec.name(), logUrl(spec.name()));
            });
            server.publishLogList(LogList.json(logs, apis, urls, time.now()));
            issuance.port(cdnServer.port());
            return null;
        });
    }

    /**
     * Begins the story (story time 0 is now) and starts the CAs' issuance and revocation clocks;
     * they stop by themselves after {@code issueFor}.
     */
    public void startIssuing() {
        time.begin(time.now());
        issuance.start();
    }

    public void stopIssuing() {
        issuance.stop();
    }

    /** Issues one certificate at {@code ca} now, outside the schedule (tests). */
    public Future<LabCa.Issued> issueNow(String ca, boolean finish) {
        return issuance.issueNow(cas.get(ca), finish);
    }

    public Scenario scenario() {
        return scenario;
    }

    public WorldTime time() {
        return time;
    }

    public FaultBook faults() {
        return faults;
    }

    public GroundTruth truth() {
        return truth;
    }

    public List<CertificateTruth> groundTruth() {
        return truth.export(faults.all());
    }

    public LabDns dns() {
        return dns;
    }

    public Cdn cdn() {
        return cdn;
    }

    public Map<String, LabCa> cas() {
        return Map.copyOf(cas);
    }

    public List<SimulatedCtLog> logs() {
        return List.copyOf(logs);
    }

    /** The port of every OCSP, CRL and issuer URL (the CDN's). */
    public int cdnPort() {
        return cdnServer.port();
    }

    /**
     * {@code http://127.0.0.1:PORT/<log>/}: both the RFC 6962 base and the static-ct-api monitoring
     * prefix. Logs are configured endpoints that clients resolve the ordinary way, so they are
     * addressed directly rather than through the lab's per-region name service.
     */
    public String logUrl(String log) {
        return "http://" + CT_ADDRESS + ":" + ctServer.port() + "/" + log + "/";
    }

    /** The lab's CT log list (v3), listing every log under the API its scenario advertises. */
    public String logListUrl() {
        return "http://" + CT_ADDRESS + ":" + ctServer.port() + "/log_list.json";
    }

    /** The ground truth as of now, with the scenario's name and per-verdict counts. */
    public TruthReport truthReport() {
        return TruthReport.of(scenario.name(), time.now(), groundTruth());
    }

    public int ctPort() {
        return ctServer.port();
    }

    /** Region name → number, in scenario order from 1 (the PoP address's last byte). */
    public static Map<String, Integer> regionNumbers(Scenario scenario) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (int i = 0; i < scenario.regions().size(); i++) {
            numbers.put(scenario.regions().get(i).name(), i + 1);
        }
        return numbers;
    }

    @Override
    public void close() {
        issuance.stop();
        if (cdnServer != null) {
            cdnServer.close();
        }
        if (ctServer != null) {
            ctServer.close();
        }
    }
}
