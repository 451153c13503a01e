package dev.ocspwatch.lab.dns;

import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.WorldTime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's name service, one view per region. Each region resolves the CAs' hosts to its own
 * CDN point of presence on loopback ({@code 127.0.1.N}, N the region's number): that is how a
 * PoP knows which region it serves. Blocked egress for a region resolves nothing
 * ({@code mode: dns}, DNS_FAILURE) or an address where nothing listens ({@code 127.0.2.N},
 * {@code mode: refuse}, CONNECT_FAILURE). The CT log is {@code ct.lab} on 127.0.0.1.
 */
public final class LabDns {
    public static final String CT_HOST = "ct.lab";

    private final Map<String, Integer> regionNumbers;
    private final Map<String, String> caOfHost;
    private final FaultBook faults;
    private final WorldTime time;

    /**
     * @param regionNumbers region → its number, 1 to 254
     * @param caOfHost every lab host → the CA it belongs to
     */
    public LabDns(Map<String, Integer> regionNumbers, Map<String, String> caOfHost, FaultBook faults, WorldTime time) {
        this.regionNumbers = Map.copyOf(regionNumbers);
        this.caOfHost = Map.copyOf(caOfHost);
        this.faults = faults;
        this.time = time;
    }

    /** The addresses {@code host} has for {@code region}; empty for a name that does not resolve there. */
    public Optional<List<InetAddress>> resolve(String region, String host) {
        String name = host.toLowerCase(Locale.ROOT); // names are case-insensitive (RFC 4343)
        if (name.equals(CT_HOST)) {
            return Optional.of(List.of(InetAddress.getLoopbackAddress()));
        }
        String ca = caOfHost.get(name);
        Integer number = regionNumbers.get(region);
        if (ca == null || number == null) {
            return Optional.empty();
        }
        Optional<Fault.EgressBlocked> blocked = faults.active(Fault.EgressBlocked.class, ca, null, region, time.now());
        if (blocked.isPresent()) {
            return blocked.get().mode() == Fault.EgressMode.DNS ? Optional.empty() : Optional.of(List.of(deadAddress(number)));
        }
        return Optional.of(List.of(popAddress(number)));
    }

    /** Where region {@code number}'s point of presence listens. */
    public static InetAddress popAddress(int number) {
        return address(1, number);
    }

    /** A loopback address where nothing listens: connections are refused. */
    public static InetAddress deadAddress(int number) {
        return address(2, number);
    }

    private static InetAddress address(int third, int number) {
        if (number < 1 || number > 254) {
            throw new IllegalArgumentException("region number must be 1 to 254, was " + number);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) number});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
