package dev.ocspwatch.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        // /0 holds its whole family and nothing of the other
        "0.0.0.0/0, 8.8.8.8, true",
        "0.0.0.0/0, 255.255.255.255, true",
        "0.0.0.0/0, ::1, false",
        "::/0, 2001:db8::1, true",
        "::/0, 10.0.0.1, false",
        // /32 and /128: one host
        "192.0.2.7/32, 192.0.2.7, true",
        "192.0.2.7/32, 192.0.2.6, false",
        "192.0.2.7/32, 192.0.2.8, false",
        "2001:db8::7/128, 2001:db8::7, true",
        "2001:db8::7/128, 2001:db8::6, false",
        // byte-aligned
        "10.20.0.0/16, 10.20.255.255, true",
        "10.20.0.0/16, 10.21.0.0, false",
        // not byte-aligned
        "10.0.0.0/9, 10.127.255.255, true",
        "10.0.0.0/9, 10.128.0.0, false",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "172.16.0.0/12, 172.15.255.255, false",
        "100.64.0.0/10, 100.127.0.1, true",
        "100.64.0.0/10, 100.128.0.1, false",
        "192.168.1.128/25, 192.168.1.200, true",
        "192.168.1.128/25, 192.168.1.127, false",
        "10.1.2.3/31, 10.1.2.2, true",
        "10.1.2.3/31, 10.1.2.4, false",
        "fc00::/7, fdff::1, true",
        "fc00::/7, fe00::1, false",
        "fe80::/10, febf:ffff::1, true",
        "fe80::/10, fec0::1, false",
        "2001:db8:8000::/33, 2001:db8:ffff::1, true",
        "2001:db8:8000::/33, 2001:db8:7fff::1, false",
        // a bare address is one host
        "203.0.113.5, 203.0.113.5, true",
        "203.0.113.5, 203.0.113.4, false",
        "fd00::1, fd00::1, true",
        "fd00::1, fd00::2, false"})
    void containsExactlyItsRange(String network, String address, boolean contained) throws Exception {
        assertEquals(contained, Cidr.parse(network).contains(InetAddress.getByName(address)), network + " ∋ " + address);
    }

    @Test
    void parsesPrefixLengthAndToleratesSurroundingSpace() {
        Cidr cidr = Cidr.parse("  10.0.0.0/8 ");
        assertEquals(8, cidr.prefixLength());
        assertEquals("10.0.0.0/8", cidr.toString());
        assertEquals(32, Cidr.parse("10.1.2.3").prefixLength());
        assertEquals(128, Cidr.parse("fd00::1").prefixLength());
        assertEquals(0, Cidr.parse("::/0").prefixLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/abc",
        "ocsp.example.com", "10.0.0.0 /8", "", "/8", "fd00::/x", "1:2:3:4:5:6:7:8:9/64", "10.0.0.0/8 trailing"})
    void rejectsMalformedNetworksQuotingTheInput(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));

        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1/16", "1.2.3", "10", "012.1.1.1", "10.0.0.010/32", "999.1.1.1", "256.0.0.0/8",
        "beef", "dead.beef/16", "cafe.babe"})
    void rejectsIpv4ShorthandsAndHexWordsInsteadOfGuessingOrLookingThemUp(String text) {
        // an allow-list entry must mean exactly what it says: no inet_aton shorthands (10.1 = 10.0.0.1),
        // no leading zeros (octal or decimal?), and never a DNS lookup of something like "dead.beef"
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));

        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
    }

    @Test
    void comparesByNetworkAndPrefix() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.0.0.0/8").hashCode());
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
    }

    @Test
    void doesNotExposeItsBytes() throws Exception {
        Cidr cidr = Cidr.parse("10.0.0.0/8");
        cidr.network()[0] = 11;

        assertTrue(cidr.contains(InetAddress.getByName("10.1.1.1")));
        assertFalse(cidr.contains(InetAddress.getByName("11.1.1.1")));
    }
}
