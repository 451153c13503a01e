package dev.ocspwatch.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.testing.LabScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {
    /** RFC 1123 host label, lower case: what a CA name must be since it becomes ocsp.NAME.lab. */
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final String VALID = """
            name: test
            description: a valid scenario the error tests break one key at a time
            seed: 3
            deadline: PT20S
            issueFor: PT8M
            watchWindow: PT20M
            regions:
              - {name: us-east, site: east}
              - {name: eu-west, site: west}
            sites:
              - {name: east, replicas: 4, lag: PT1M}
              - {name: west, replicas: 2}
            cas:
              - {name: rsa-ca, key: RSA_2048, issueEvery: PT1M, signerDelay: PT2M}
              - {name: ecdsa-ca, key: ECDSA_P256, issueEvery: PT2M}
            ctLogs:
              - {name: log-one, api: RFC6962}
              - {name: log-two, api: STATIC, maxGetEntries: 16}
            faults:
              - {switch: replicaStall, ca: rsa-ca, site: east, replicas: 2}
              - {switch: egressBlocked, region: eu-west, mode: refuse, from: PT2M, until: PT4M}
              - {switch: ctServerError, log: log-two}
            """;

    @TempDir
    Path directory;

    @Test
    void everyShippedScenarioLoadsAndIsConsistent() throws Exception {
        List<Path> files = LabScenarios.shippedFiles();
        Set<String> names = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("healthy.yaml", "sectigo-2025.yaml", "egress-blocked.yaml",
                "slow-propagation.yaml", "cdn-mixups.yaml")), "the issue's five stories are shipped: " + names);
        for (Path file : files) {
            Scenario scenario = Scenario.load(file);
            String where = file.toString();
            assertEquals(file.getFileName().toString().replaceFirst("\\.yaml$", ""), scenario.name(), where + ": name matches the file");
            assertNotNull(scenario.description(), where);
            assertTrue(scenario.deadline().compareTo(Duration.ZERO) > 0, where);
            assertFalse(scenario.regions().isEmpty(), where + ": regions");
            assertFalse(scenario.sites().isEmpty(), where + ": sites");
            assertFalse(scenario.cas().isEmpty(), where + ": cas");
            assertFalse(scenario.ctLogs().isEmpty(), where + ": ctLogs");
            Set<String> sites = scenario.sites().stream().map(Scenario.SiteSpec::name).collect(Collectors.toSet());
            Set<String> regions = scenario.regions().stream().map(Scenario.RegionSpec::name).collect(Collectors.toSet());
            Set<String> cas = scenario.cas().stream().map(CaSpec::name).collect(Collectors.toSet());
            Set<String> logs = scenario.ctLogs().stream().map(Scenario.CtLogSpec::name).collect(Collectors.toSet());
            assertEquals(scenario.regions().size(), regions.size(), where + ": region names are unique");
            for (Scenario.RegionSpec region : scenario.regions()) {
                assertTrue(sites.contains(region.site()), where + ": region " + region.name() + " routes to a known site");
            }
            for (CaSpec ca : scenario.cas()) {
                assertTrue(HOST_LABEL.matcher(ca.name()).matches(), where + ": CA name is a host label: " + ca.name());
                assertEquals("ocsp." + ca.name() + ".lab", ca.ocspHost());
                assertEquals("crl." + ca.name() + ".lab", ca.repositoryHost());
            }
            for (Fault fault : scenario.faults()) {
                String what = where + ": fault " + fault.switchName();
                assertTrue(fault.ca() == null || cas.contains(fault.ca()), what + " names a known CA");
                assertTrue(fault.site() == null || sites.contains(fault.site()), what + " names a known site");
                assertTrue(fault.region() == null || regions.contains(fault.region()), what + " names a known region");
                assertTrue(fault.log() == null || logs.contains(fault.log()), what + " names a known log");
                boolean ctFault = fault instanceof Fault.CtRateLimited || fault instanceof Fault.CtServerError
                        || fault instanceof Fault.CtSlow;
                assertEquals(ctFault, fault.implies() == null, what + ": OCSP faults imply an outcome, CT faults none");
            }
        }
    }

    @Test
    void theShippedStoriesHaveTheirFaults() throws Exception {
        Scenario sectigo = Scenario.load(LabScenarios.SHIPPED, "sectigo-2025");
        Fault.ReplicaStall stall = only(sectigo.faults(), Fault.ReplicaStall.class);
        assertEquals("sectigo-like", stall.ca());
        int replicasAtSite = sectigo.sites().stream().filter(s -> s.name().equals(stall.site())).findFirst().orElseThrow().replicas();
        assertTrue(stall.replicas() > 0 && stall.replicas() < replicasAtSite, "some, not all, replicas stall: intermittent");
        assertTrue(sectigo.regions().stream().anyMatch(r -> r.site().equals(stall.site())), "a region is routed to the stalled site");
        assertTrue(sectigo.regions().stream().anyMatch(r -> !r.site().equals(stall.site())), "and a region is not");
        only(sectigo.faults(), Fault.CdnCachesErrors.class);

        Scenario egress = Scenario.load(LabScenarios.SHIPPED, "egress-blocked");
        Fault.EgressBlocked blocked = only(egress.faults(), Fault.EgressBlocked.class);
        assertEquals(Fault.EgressMode.REFUSE, blocked.mode());
        assertEquals(Outcome.CONNECT_FAILURE, blocked.implies());
        assertTrue(egress.cas().stream().anyMatch(ca -> !ca.hasOcsp()), "a CA without OCSP gives NOT_APPLICABLE");

        Scenario healthy = Scenario.load(LabScenarios.SHIPPED, "healthy");
        assertTrue(healthy.faults().isEmpty());
        assertTrue(healthy.cas().stream().anyMatch(CaSpec::delegated));
        assertTrue(healthy.cas().stream().anyMatch(ca -> ca.key() == KeyKind.RSA_2048));
        assertTrue(healthy.cas().stream().anyMatch(ca -> ca.key() == KeyKind.ECDSA_P256));

        Scenario mixups = Scenario.load(LabScenarios.SHIPPED, "cdn-mixups");
        assertEquals(Set.of("otherCertificate", "oneByteBody", "nextUpdatePast"),
                mixups.faults().stream().map(Fault::switchName).collect(Collectors.toSet()));

        Scenario slow = Scenario.load(LabScenarios.SHIPPED, "slow-propagation");
        Set<Duration> delays = slow.cas().stream().map(CaSpec::signerDelay).collect(Collectors.toSet());
        assertTrue(delays.containsAll(Set.of(Duration.ofMinutes(10), Duration.ofMinutes(20))), "signed at 10 and 20 minutes: " + delays);
    }

    @Test
    void aValidFileLoadsWithDefaultsFilledIn() throws Exception {
        Scenario scenario = Scenario.load(write(VALID));
        assertEquals(3L, scenario.seed());
        assertEquals(Duration.ofSeconds(20), scenario.deadline());
        assertEquals(List.of("us-east", "eu-west"), scenario.regions().stream().map(Scenario.RegionSpec::name).toList());
        assertEquals(Duration.ZERO, scenario.sites().get(1).lag(), "a site without lag copies at once");
        CaSpec ecdsa = scenario.cas().get(1);
        assertEquals(Duration.ofMinutes(1), ecdsa.signerDelay());
        assertEquals(Duration.ofHours(1), ecdsa.cacheMaxAge());
        assertEquals(Duration.ofMinutes(5), ecdsa.errorMaxAge());
        assertFalse(ecdsa.delegated());
        assertTrue(ecdsa.hasOcsp());
        assertEquals(Scenario.CtApi.STATIC, scenario.ctLogs().get(1).api());
        assertEquals(16, scenario.ctLogs().get(1).maxGetEntries());
        Fault.EgressBlocked blocked = (Fault.EgressBlocked) scenario.faults().get(1);
        assertEquals(Duration.ofMinutes(2), blocked.from());
        assertEquals(Duration.ofMinutes(4), blocked.until());
        assertEquals("eu-west", blocked.region());
        assertEquals("log-two", scenario.faults().get(2).log());
    }

    @Test
    void defaultsWhenOptionalKeysAreAbsent() throws Exception {
        Scenario scenario = Scenario.load(write(VALID.replace("seed: 3\n", "").replace("watchWindow: PT20M\n", "")
                .replaceAll("(?s)ctLogs:.*?faults:", "faults:").replace("  - {switch: ctServerError, log: log-two}\n", "")));
        assertEquals(1L, scenario.seed());
        assertEquals(Duration.ofMinutes(30), scenario.watchWindow());
        assertEquals(Set.of("lab-rfc6962", "lab-static"),
                scenario.ctLogs().stream().map(Scenario.CtLogSpec::name).collect(Collectors.toSet()));
        assertEquals(Fault.EgressMode.DNS, ((Fault.EgressBlocked) Scenario.load(write(VALID.replace(", mode: refuse", "")))
                .faults().get(1)).mode(), "egress blocked by DNS unless said otherwise");
    }

    @Test
    void unknownKeyNamesFileKeyAndTheKnownKeys() throws Exception {
        String message = error(VALID.replace("deadline: PT20S", "deadline: PT20S\ndeadlin: PT20S"));
        assertTrue(message.contains("unknown key 'deadlin'"), message);
        assertTrue(message.contains("known keys:") && message.contains("deadline") && message.contains("watchWindow"), message);

        String nested = error(VALID.replace("{name: ecdsa-ca, key: ECDSA_P256, issueEvery: PT2M}",
                "{name: ecdsa-ca, key: ECDSA_P256, issueEvery: PT2M, signerDelai: PT2M}"));
        assertTrue(nested.contains("cas[1]: unknown key 'signerDelai'"), nested);
        assertTrue(nested.contains("issueEvery") && nested.contains("signerDelay"), "lists the CA's keys: " + nested);

        String inFault = error(VALID.replace("{switch: ctServerError, log: log-two}", "{switch: ctServerError, log: log-two, sit: east}"));
        assertTrue(inFault.contains("faults[2]: unknown key 'sit'"), inFault);

        // A misspelt required key is reported as the typo it is, not as the missing key.
        String required = error(VALID.replace("{name: ecdsa-ca, key: ECDSA_P256, issueEvery: PT2M}",
                "{name: ecdsa-ca, key: ECDSA_P256, issueEvry: PT2M}"));
        assertTrue(required.contains("cas[1]: unknown key 'issueEvry'"), required);
    }

    @Test
    void refusesAFaultThatEndsBeforeItStarts() throws Exception {
        String message = error(VALID.replace("{switch: ctServerError, log: log-two}",
                "{switch: ctServerError, log: log-two, from: PT5M, until: PT2M}"));
        assertTrue(message.contains("ctServerError ends (until PT2M) before it starts (from PT5M)"), message);
    }

    @Test
    void unknownFaultSwitchIsNamed() throws Exception {
        String message = error(VALID.replace("switch: ctServerError", "switch: ctServerErrors"));
        assertTrue(message.contains("faults[2]"), message);
        assertTrue(message.contains("'ctServerErrors'"), message);
    }

    @Test
    void faultsMustNameExistingThings() throws Exception {
        assertError(VALID.replace("{switch: replicaStall, ca: rsa-ca", "{switch: replicaStall, ca: rsa-cb"),
                "faults", "replicaStall", "unknown CA 'rsa-cb'");
        assertError(VALID.replace("site: east, replicas: 2}", "site: south, replicas: 2}"),
                "faults", "replicaStall", "unknown site 'south'");
        assertError(VALID.replace("region: eu-west, mode: refuse", "region: eu-north, mode: refuse"),
                "faults", "egressBlocked", "unknown region 'eu-north'");
        assertError(VALID.replace("{switch: ctServerError, log: log-two}", "{switch: ctServerError, log: log-three}"),
                "faults", "ctServerError", "unknown CT log 'log-three'");
        assertError(VALID + "  - {switch: replicaLag, site: nowhere, lag: PT5M}\n", "faults", "replicaLag", "unknown site 'nowhere'");
        assertError(VALID + "  - {switch: tryLater, ca: ecdsa-ca, site: nowhere}\n", "faults", "tryLater", "unknown site 'nowhere'");
        assertError(VALID + "  - {switch: wrongSigner, ca: nobody}\n", "faults", "wrongSigner", "unknown CA 'nobody'");
        assertError(VALID.replace("- {name: eu-west, site: west}", "- {name: eu-west, site: north}"),
                "regions", "eu-west", "unknown site 'north'");
    }

    @Test
    void faultSwitchesCheckTheirOwnKeys() throws Exception {
        assertError(VALID + "  - {switch: replicaStall, site: east, replicas: 0}\n", "faults[3]", "replicas must be at least 1");
        assertError(VALID + "  - {switch: replicaStall, replicas: 1}\n", "faults[3]", "site is required");
        assertError(VALID + "  - {switch: httpStatus, status: 200}\n", "faults[3]", "status must be an HTTP error");
        assertError(VALID + "  - {switch: egressBlocked, mode: dns}\n", "faults[3]", "region is required");
        assertError(VALID + "  - {switch: egressBlocked, region: eu-west, mode: firewall}\n", "faults[3].mode", "DNS", "REFUSE");
        assertError(VALID + "  - {switch: slow}\n", "faults[3]", "delay is required");
        assertError(VALID + "  - {switch: unknownAfterIssuance, window: PT0S}\n", "faults[3]", "window is required and must be positive");
    }

    @Test
    void badDurationNamesTheKey() throws Exception {
        assertError(VALID.replace("deadline: PT20S", "deadline: 20s"), "deadline", "duration");
        assertError(VALID.replace("signerDelay: PT2M", "signerDelay: two minutes"), "cas[0].signerDelay", "duration");
        assertError(VALID.replace("from: PT2M", "from: soon"), "faults[1].from", "duration");
    }

    @Test
    void missingRequiredKeysAreNamed() throws Exception {
        assertError(VALID.replace("deadline: PT20S\n", ""), "deadline is required");
        assertError(VALID.replace("issueFor: PT8M\n", ""), "issueFor is required");
        assertError(VALID.replace("name: test\n", ""), "name is required");
        assertError(VALID.replace("{name: rsa-ca, key: RSA_2048, issueEvery: PT1M, signerDelay: PT2M}",
                "{name: rsa-ca, key: RSA_2048, signerDelay: PT2M}"), "cas[0]", "rsa-ca", "issueEvery is required");
        assertError(VALID.replaceAll("(?s)regions:.*?sites:", "sites:"), "regions", "at least one region");
        assertError(VALID.replaceAll("(?s)\ncas:.*?\nctLogs:", "\nctLogs:"), "cas", "at least one CA");
        assertError(VALID.replace("deadline: PT20S", "deadline: PT0S"), "deadline is required");
    }

    @Test
    void duplicateNamesAreErrors() throws Exception {
        assertError(VALID.replace("{name: west, replicas: 2}", "{name: east, replicas: 2}"), "sites", "duplicate name 'east'");
        assertError(VALID.replace("{name: eu-west, site: west}", "{name: us-east, site: west}"), "regions", "duplicate name 'us-east'");
        assertError(VALID.replace("{name: ecdsa-ca,", "{name: rsa-ca,"), "cas", "duplicate name 'rsa-ca'");
        assertError(VALID.replace("{name: log-two,", "{name: log-one,"), "ctLogs", "duplicate name 'log-one'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sectigo", "rsa_ca", "rsa.ca", "-rsa", "rsa-", "rsa ca", "'ca\u00e9'"})
    void caNameMustBeAHostLabel(String bad) throws Exception {
        String message = error(VALID.replace("{name: ecdsa-ca,", "{name: " + bad + ","));
        assertTrue(message.contains("cas[1]"), message);
        assertTrue(message.contains("name must be lower-case letters, digits and dashes"), message);
    }

    @Test
    void siteReplicasAreBounded() throws Exception {
        assertError(VALID.replace("{name: west, replicas: 2}", "{name: west, replicas: 0}"), "sites[1]", "replicas must be 1 to 64");
        assertError(VALID.replace("{name: west, replicas: 2}", "{name: west, replicas: 65}"), "sites[1]", "replicas must be 1 to 64");
    }

    @Test
    void notYamlOrMissingFileNamesTheFile() throws Exception {
        Path missing = directory.resolve("absent.yaml");
        ConfigException absent = assertThrows(ConfigException.class, () -> Scenario.load(missing));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
        assertError("name: [unclosed\n", "not valid YAML");
    }

    @Test
    void realScalesStoryTimeByDeadlineOverFifteenMinutes() throws Exception {
        Scenario scenario = Scenario.load(write(VALID));
        assertEquals(Duration.ofSeconds(20), scenario.real(Duration.ofMinutes(15)), "the BR's 15 minutes are the deadline");
        assertEquals(Duration.ofSeconds(40), scenario.real(Duration.ofMinutes(30)));
        assertEquals(Duration.ofMillis(1333), scenario.real(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertEquals(Duration.ZERO, scenario.real(Duration.ZERO));
        assertEquals(20.0 / 900.0, scenario.timeScale(), 1e-12);

        Scenario realTime = Scenario.load(write(VALID.replace("deadline: PT20S", "deadline: PT15M")));
        assertEquals(Duration.ofMinutes(7), realTime.real(Duration.ofMinutes(7)), "a 15-minute deadline is real time");
        Scenario slower = Scenario.load(write(VALID.replace("deadline: PT20S", "deadline: PT30M")));
        assertEquals(Duration.ofHours(1), slower.real(Duration.ofMinutes(30)));
    }

    @Test
    void withFaultsReplacesAndRevalidates() throws Exception {
        Scenario scenario = Scenario.load(write(VALID));
        Scenario quiet = scenario.withFaults(List.of());
        assertTrue(quiet.faults().isEmpty());
        assertEquals(scenario.cas(), quiet.cas());
        Fault bad = new Fault.WrongSigner("nobody", null, null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> scenario.withFaults(List.of(bad)));
        assertTrue(error.getMessage().contains("unknown CA 'nobody'"), error.getMessage());
    }

    @Test
    void switchNamesAreTheOnesFilesUse() {
        assertEquals("replicaStall", new Fault.ReplicaStall(null, "s", 1, null, null).switchName());
        assertEquals("egressBlocked", new Fault.EgressBlocked(null, "r", null, null, null).switchName());
        assertEquals(Outcome.DNS_FAILURE, new Fault.EgressBlocked(null, "r", null, null, null).implies());
        assertEquals(Outcome.CONNECT_FAILURE, new Fault.EgressBlocked(null, "r", Fault.EgressMode.REFUSE, null, null).implies());
        assertEquals("httpStatus", new Fault.HttpStatus(null, 404, null, null).switchName());
    }

    private void assertError(String yaml, String... fragments) throws IOException {
        String message = error(yaml);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        }
    }

    /** The message of the error loading {@code yaml} from a file; it must name the file. */
    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException error = assertThrows(ConfigException.class, () -> Scenario.load(file), yaml);
        assertTrue(error.getMessage().startsWith(file.toString() + ": "), "names the file: " + error.getMessage());
        return error.getMessage();
    }

    private int files;

    private Path write(String yaml) throws IOException {
        return Files.writeString(directory.resolve("scenario-" + (++files) + ".yaml"), yaml);
    }

    private static <T extends Fault> T only(List<Fault> faults, Class<T> kind) {
        List<T> matching = faults.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, matching.size(), kind.getSimpleName() + " in " + faults);
        return matching.get(0);
    }
}
