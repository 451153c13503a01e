package dev.ocspwatch.agent.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IP network such as {@code 10.20.0.0/16} or {@code fd00::/8}: an exception to the address policy. */
public record Cidr(byte[] network, int prefixLength) {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4 = OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET;

    public Cidr {
        network = network.clone();
    }

    /** Parses {@code ADDRESS/PREFIX} (or a bare address: one host); the error quotes the input. */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        // IPv4 only as four decimal octets: InetAddress would read "10.1" as 10.0.0.1 and would
        // look up "dead.beef" in DNS. With a ':' it parses an IPv6 literal and never looks up.
        boolean literal = address.contains(":") ? address.matches("[0-9A-Fa-f:.]+") : address.matches(IPV4);
        if (!literal) {
            throw new IllegalArgumentException("not an IP network: \"" + text + "\" (expected e.g. 10.0.0.0/8 or fd00::/8)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP network: \"" + text + "\"");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in \"" + text + "\"");
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
