package dev.ocspwatch.lab.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.WorldTime;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabDnsTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Map<String, Integer> NUMBERS = Map.of("us-east", 1, "eu-west", 2, "corp-proxy", 3);
    private static final Map<String, String> HOSTS = Map.of(
            "ocsp.rsa-ca.lab", "rsa-ca", "crl.rsa-ca.lab", "rsa-ca",
            "ocsp.ecdsa-ca.lab", "ecdsa-ca", "crl.ecdsa-ca.lab", "ecdsa-ca");

    private final ManualClock clock = new ManualClock(START);
    /** deadline PT20S: story minutes are 4/3 s real. */
    private final Scenario scenario = LabScenarios.scenario("dns", 1, Duration.ofSeconds(20), Duration.ofMinutes(20),
            List.of(LabScenarios.region("us-east", "s"), LabScenarios.region("eu-west", "s"), LabScenarios.region("corp-proxy", "s")),
            List.of(LabScenarios.site("s", 1, null)), List.of(LabScenarios.ca("rsa-ca").build(), LabScenarios.ca("ecdsa-ca").build()),
            List.of());
    private final WorldTime time = new WorldTime(clock, START, scenario);

    private LabDns dns(Fault... faults) {
        return new LabDns(NUMBERS, HOSTS, new FaultBook(time, List.of(faults)), time);
    }

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void popAndDeadAddressesFollowTheRegionNumber() throws Exception {
        assertEquals(address("127.0.1.1"), LabDns.popAddress(1));
        assertEquals(address("127.0.1.17"), LabDns.popAddress(17));
        assertEquals(address("127.0.1.254"), LabDns.popAddress(254));
        assertEquals(address("127.0.2.3"), LabDns.deadAddress(3));
        assertTrue(LabDns.popAddress(200).isLoopbackAddress());
        for (int bad : new int[] {0, -1, 255, 256}) {
            assertThrows(IllegalArgumentException.class, () -> LabDns.popAddress(bad));
            assertThrows(IllegalArgumentException.class, () -> LabDns.deadAddress(bad));
        }
    }

    @Test
    void eachRegionResolvesTheCasHostsToItsOwnPop() throws Exception {
        LabDns dns = dns();
        for (Map.Entry<String, Integer> region : NUMBERS.entrySet()) {
            for (String host : HOSTS.keySet()) {
                assertEquals(Optional.of(List.of(LabDns.popAddress(region.getValue()))), dns.resolve(region.getKey(), host),
                        host + " from " + region.getKey());
            }
        }
    }

    @Test
    void theCtHostIsLoopbackEverywhere() {
        LabDns dns = dns(new Fault.EgressBlocked(null, "corp-proxy", Fault.EgressMode.DNS, null, null));
        assertEquals("ct.lab", LabDns.CT_HOST);
        for (String region : NUMBERS.keySet()) {
            assertEquals(Optional.of(List.of(InetAddress.getLoopbackAddress())), dns.resolve(region, LabDns.CT_HOST));
        }
    }

    @Test
    void unknownNamesAndRegionsDoNotResolve() {
        LabDns dns = dns();
        assertEquals(Optional.empty(), dns.resolve("us-east", "ocsp.nobody.lab"));
        assertEquals(Optional.empty(), dns.resolve("us-east", "example.com"));
        assertEquals(Optional.empty(), dns.resolve("us-east", ""));
        assertEquals(Optional.empty(), dns.resolve("mars", "ocsp.rsa-ca.lab"));
    }

    @Test
    void namesAreCaseInsensitive() {
        // RFC 4343: a resolver answers OCSP.RSA-CA.LAB as it answers ocsp.rsa-ca.lab.
        LabDns dns = dns();
        assertEquals(Optional.of(List.of(LabDns.popAddress(2))), dns.resolve("eu-west", "OCSP.RSA-CA.LAB"));
        assertEquals(Optional.of(List.of(LabDns.popAddress(2))), dns.resolve("eu-west", "Crl.Ecdsa-CA.lab"));
    }

    @Test
    void blockedEgressByDnsResolvesNothingForThatRegionOnly() {
        LabDns dns = dns(new Fault.EgressBlocked(null, "corp-proxy", Fault.EgressMode.DNS, null, null));
        for (String host : HOSTS.keySet()) {
            assertEquals(Optional.empty(), dns.resolve("corp-proxy", host), "the firewall blocks OCSP and CRL hosts: " + host);
            assertEquals(Optional.of(List.of(LabDns.popAddress(1))), dns.resolve("us-east", host));
            assertEquals(Optional.of(List.of(LabDns.popAddress(2))), dns.resolve("eu-west", host));
        }
    }

    @Test
    void blockedEgressByRefusalResolvesToAnAddressWhereNothingListens() {
        LabDns dns = dns(new Fault.EgressBlocked(null, "corp-proxy", Fault.EgressMode.REFUSE, null, null));
        assertEquals(Optional.of(List.of(LabDns.deadAddress(3))), dns.resolve("corp-proxy", "ocsp.rsa-ca.lab"));
        assertEquals(Optional.of(List.of(LabDns.deadAddress(3))), dns.resolve("corp-proxy", "crl.ecdsa-ca.lab"));
        assertEquals(Optional.of(List.of(LabDns.popAddress(1))), dns.resolve("us-east", "ocsp.rsa-ca.lab"));
    }

    @Test
    void aBlockForOneCaLeavesTheOthersReachable() {
        LabDns dns = dns(new Fault.EgressBlocked("rsa-ca", "eu-west", Fault.EgressMode.DNS, null, null));
        assertEquals(Optional.empty(), dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        assertEquals(Optional.of(List.of(LabDns.popAddress(2))), dns.resolve("eu-west", "ocsp.ecdsa-ca.lab"));
    }

    @Test
    void egressWindowsAreStoryTimeSinceTheStart() {
        // from PT3M until PT6M story: 4 s to 8 s real with a 20-second deadline.
        LabDns dns = dns(new Fault.EgressBlocked(null, "eu-west", Fault.EgressMode.DNS, Duration.ofMinutes(3), Duration.ofMinutes(6)));
        Optional<List<InetAddress>> pop = Optional.of(List.of(LabDns.popAddress(2)));
        assertEquals(pop, dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        clock.set(START.plusMillis(3999));
        assertEquals(pop, dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        clock.set(START.plusSeconds(4));
        assertEquals(Optional.empty(), dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        clock.set(START.plusMillis(7999));
        assertEquals(Optional.empty(), dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        clock.set(START.plusSeconds(8));
        assertEquals(pop, dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
        clock.set(START.plus(Duration.ofDays(1)));
        assertEquals(pop, dns.resolve("eu-west", "ocsp.rsa-ca.lab"));
    }

    @Test
    void aSwitchSetAtRunTimeTakesEffectAtOnceAndClearsAgain() {
        FaultBook faults = new FaultBook(time, List.of());
        LabDns dns = new LabDns(NUMBERS, HOSTS, faults, time);
        clock.set(START.plusSeconds(30));
        faults.set(new Fault.EgressBlocked(null, "us-east", Fault.EgressMode.REFUSE, null, null));
        assertEquals(Optional.of(List.of(LabDns.deadAddress(1))), dns.resolve("us-east", "ocsp.rsa-ca.lab"));
        clock.advance(Duration.ofSeconds(5));
        faults.clear(Fault.EgressBlocked.class);
        assertEquals(Optional.of(List.of(LabDns.popAddress(1))), dns.resolve("us-east", "ocsp.rsa-ca.lab"));
    }
}
