package dev.ocspwatch.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses the agent refuses by default, and the two ways to allow them. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1        | loopback
            127.255.255.254  | loopback
            10.0.0.1         | private
            10.255.255.255   | private
            172.16.0.1       | private
            172.20.10.10     | private
            172.31.255.255   | private
            192.168.0.1      | private
            192.168.255.255  | private
            169.254.169.254  | link-local
            169.254.0.1      | link-local
            100.64.0.1       | carrier-grade NAT
            100.127.255.255  | carrier-grade NAT
            0.0.0.0          | unspecified
            0.1.2.3          | unspecified
            224.0.0.1        | multicast
            239.255.255.250  | multicast
            255.255.255.255  | broadcast
            240.0.0.1        | reserved
            198.18.0.1       | benchmarking
            198.19.255.255   | benchmarking
            192.0.2.1        | documentation
            198.51.100.7     | documentation
            203.0.113.9      | documentation
            192.0.0.8        | IETF protocol
            ::1              | loopback
            ::               | unspecified
            fe80::1          | link-local
            febf::1          | link-local
            fc00::1          | unique local
            fd12:3456::1     | unique local
            ff02::1          | multicast
            ff0e::1          | multicast
            ::ffff:10.0.0.1  | private
            ::ffff:127.0.0.1 | loopback
            64:ff9b::a00:1   | NAT64 of private
            64:ff9b::a9fe:a9fe | NAT64 of link-local
            2002:0a00:0001:: | 6to4 of private
            2002:a9fe:a9fe:: | 6to4 of link-local
            2001:db8::1      | documentation
            2001::1          | Teredo
            fec0::1          | site-local
            ::a00:1          | IPv4-compatible
            """)
    void refusesSpecialPurposeAddressByDefault(String address, String kind) throws Exception {
        Optional<String> refusal = AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address));

        assertTrue(refusal.isPresent(), address + " must be refused");
        assertTrue(refusal.get().contains(kind), address + ": " + refusal.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1", "172.15.255.255", "100.128.0.1",
        "100.63.255.255", "169.253.255.255", "192.169.0.1", "11.0.0.1", "198.20.0.1", "223.255.255.255",
        "2a00:1450:4001:82b::200e", "64:ff9b::808:808", "2002:0808:0808::1", "2001:4860:4860::8888"})
    void allowsGlobalUnicastAddresses(String address) throws Exception {
        assertEquals(Optional.empty(), AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address)), address);
    }

    @Test
    void judgesAnIpv4MappedAddressKeptInIpv6FormAsTheIpv4ItCarries() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may still hand over the IPv6 form
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        Optional<String> refusal = AddressPolicy.PUBLIC_ONLY.refusal(address);

        assertTrue(refusal.isPresent(), "mapped metadata address must be refused");
        assertTrue(refusal.get().contains("IPv4-mapped"), refusal.get());
        assertTrue(refusal.get().contains("link-local"), refusal.get());
    }

    @Test
    void namesTheAddressInTheRefusal() throws Exception {
        assertEquals(Optional.of("169.254.169.254 is link-local (169.254.0.0/16, where cloud metadata services live)"),
                AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName("169.254.169.254")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fe80::1", "ff02::1", "0.0.0.0", "8.8.8.8"})
    void allowPrivateAllowsEverything(String address) throws Exception {
        assertEquals(Optional.empty(), AddressPolicy.ALLOW_ALL.refusal(InetAddress.getByName(address)));
        assertEquals(Optional.empty(), new AddressPolicy(true).refusal(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} allowed={1}")
    @CsvSource({
        "10.20.0.1, true",
        "10.20.255.255, true",
        "10.21.0.1, false",
        "10.19.255.255, false",
        "192.168.1.1, false",
        "127.0.0.1, false",
        "169.254.169.254, false",
        "8.8.8.8, true"})
    void anAllowedNetworkAllowsOnlyItsOwnRange(String address, boolean allowed) throws Exception {
        AddressPolicy policy = new AddressPolicy(false, List.of(Cidr.parse("10.20.0.0/16")));

        assertEquals(allowed, policy.refusal(InetAddress.getByName(address)).isEmpty(), address);
    }

    @Test
    void allowedNetworksCombine() throws Exception {
        AddressPolicy policy = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("fd00:1::/32")));

        assertTrue(policy.refusal(InetAddress.getByName("127.0.0.1")).isEmpty());
        assertTrue(policy.refusal(InetAddress.getByName("fd00:1:ffff::5")).isEmpty());
        assertTrue(policy.refusal(InetAddress.getByName("127.0.0.2")).isPresent());
        assertTrue(policy.refusal(InetAddress.getByName("fd00:2::5")).isPresent());
        assertTrue(policy.refusal(InetAddress.getByName("::1")).isPresent());
    }

    @Test
    void copiesTheAllowedNetworks() {
        java.util.ArrayList<Cidr> networks = new java.util.ArrayList<>(List.of(Cidr.parse("10.0.0.0/8")));
        AddressPolicy policy = new AddressPolicy(false, networks);
        networks.add(Cidr.parse("0.0.0.0/0"));

        assertEquals(List.of(Cidr.parse("10.0.0.0/8")), policy.allowedNetworks());
    }
}
