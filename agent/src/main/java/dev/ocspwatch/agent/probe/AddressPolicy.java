package dev.ocspwatch.agent.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the agent may connect to. Anyone can log a certificate whose OCSP URL points
 * at a cloud metadata endpoint or an internal service (DESIGN.md, "Untrusted input"), so by
 * default every address that is not globally routable unicast is refused: loopback, RFC 1918
 * and unique-local private ranges, link-local (169.254.169.254 lives there), multicast,
 * unspecified and broadcast, carrier-grade NAT, documentation and benchmarking ranges, and
 * reserved space; IPv4 embedded in IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 it carries.
 *
 * @param allowPrivate allow everything: a test, or a lab
 * @param allowedNetworks exceptions that stay narrow: a CA watching its own internal
 *     responders allows its responder network and nothing else
 */
public record AddressPolicy(boolean allowPrivate, List<Cidr> allowedNetworks) {
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, List.of());
    public static final AddressPolicy ALLOW_ALL = new AddressPolicy(true, List.of());

    public AddressPolicy {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    public AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, List.of());
    }

    /** Why {@code address} is refused, or empty if the agent may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        for (Cidr network : allowedNetworks) {
            if (network.contains(address)) {
                return Optional.empty();
            }
        }
        return classify(address).map(kind -> address.getHostAddress() + " is " + kind);
    }

    static Optional<String> classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b);
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return Optional.of("not an IP address");
    }

    private static Optional<String> classifyV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("unspecified (0.0.0.0/8)");
        }
        if (a0 == 127) {
            return Optional.of("loopback (127.0.0.0/8)");
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local (169.254.0.0/16, where cloud metadata services live)");
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return Optional.of("carrier-grade NAT (100.64.0.0/10)");
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return Optional.of("IETF protocol assignments (192.0.0.0/24)");
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("documentation (TEST-NET)");
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return Optional.of("benchmarking (198.18.0.0/15)");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast (224.0.0.0/4)");
        }
        if (a0 >= 240) {
            return Optional.of("reserved (240.0.0.0/4, incl. broadcast)");
        }
        return Optional.empty();
    }

    private static Optional<String> classifyV6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classifyV4(new byte[] {b[12], b[13], b[14], b[15]}).map(k -> "IPv4-mapped " + k);
        }
        boolean allZeroButLast = firstTenZero && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0;
        if (allZeroButLast && b[15] == 0) {
            return Optional.of("unspecified (::)");
        }
        if (allZeroButLast && b[15] == 1) {
            return Optional.of("loopback (::1)");
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            return Optional.of("IPv4-compatible (deprecated ::/96)");
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return classifyV4(new byte[] {b[12], b[13], b[14], b[15]}).map(k -> "NAT64 of " + k);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return classifyV4(new byte[] {b[2], b[3], b[4], b[5]}).map(k -> "6to4 of " + k);
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("unique local (fc00::/7)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("link-local (fe80::/10)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("site-local (fec0::/10)");
        }
        if (b0 == 0xff) {
            return Optional.of("multicast (ff00::/8)");
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("documentation (2001:db8::/32)");
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return Optional.of("Teredo (2001::/32)");
        }
        if (b0 == 0x01 && b1 == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return Optional.of("discard-only (100::/64)");
        }
        return Optional.empty();
    }
}
