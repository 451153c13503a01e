package dev.ocspwatch.app.config;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.probe.PinnedNameResolver;
import dev.ocspwatch.agent.prober.PolitenessSettings;
import dev.ocspwatch.agent.prober.ProberSettings;
import dev.ocspwatch.agent.prober.ScheduleSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prober:}: one region's probing.
 *
 * @param region where this agent probes from (lower case: {@code eu-west}); agents of one region
 *     share its certificates, every region probes them all
 * @param agentId this agent among its region's; default {@code <region>-1}
 * @param allowPrivate probe any address, loopback and private included: only for a lab
 * @param allowedNetworks CIDR exceptions to the public-only rule: a CA watching its own internal
 *     responders names their network and nothing else
 * @param hosts host names pinned to addresses ahead of DNS ({@code ocsp.example.com: [192.0.2.7]}),
 *     for probing one point of presence; pinned addresses still pass the address rules
 * @param maxWatched certificates scheduled at once before reading pauses (1,000,000)
 * @param maxBufferedObservations observations waiting for Kafka before probing pauses (20,000)
 * @param politeness per responder host and overall limits (8 in flight and 50/s per host, 512 in all)
 * @param timeout of one probe, redirects included (10 s, BR 4.10.2)
 * @param contact a URL or mailbox for responder operators, appended to the User-Agent
 */
public record ProberConfig(String region, String agentId, Boolean allowPrivate, List<String> allowedNetworks,
                           Map<String, List<String>> hosts, Integer maxWatched, Integer maxBufferedObservations,
                           PolitenessSettings politeness, Duration timeout, String contact) {
    public ProberConfig {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is required (where this agent probes from, e.g. eu-west)");
        }
        agentId = agentId == null || agentId.isBlank() ? region + "-1" : agentId;
        allowPrivate = allowPrivate != null && allowPrivate;
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
        maxWatched = maxWatched == null ? 1_000_000 : maxWatched;
        maxBufferedObservations = maxBufferedObservations == null ? 20_000 : maxBufferedObservations;
        politeness = politeness == null ? PolitenessSettings.DEFAULT : politeness;
        timeout = timeout == null ? FetchLimits.ocsp().timeout() : timeout;
        if (contact != null && !contact.matches("[\\x20-\\x7e&&[^()]]*")) {
            throw new IllegalArgumentException("contact must be printable ASCII without parentheses (it goes into the User-Agent header)");
        }
        pins(hosts); // fail at load, naming the key
        // The settings record checks the region's spelling and the bounds; built here so a bad one stops the load.
        new ProberSettings(region, agentId, null, politeness, new FetchLimits(timeout, FetchLimits.OCSP_MAX_BYTES, 3, FetchLimits.DEFAULT_USER_AGENT),
                addressPolicy(allowedNetworks, allowPrivate), maxWatched, maxBufferedObservations, null, null);
    }

    public ProberSettings settings(ScheduleSettings schedule) {
        String userAgent = contact == null || contact.isBlank() ? FetchLimits.DEFAULT_USER_AGENT
                : FetchLimits.DEFAULT_USER_AGENT.substring(0, FetchLimits.DEFAULT_USER_AGENT.length() - 1) + "; " + contact.trim() + ")";
        FetchLimits limits = new FetchLimits(timeout, FetchLimits.OCSP_MAX_BYTES, 3, userAgent);
        return new ProberSettings(region, agentId, schedule, politeness, limits, addressPolicy(allowedNetworks, allowPrivate), maxWatched,
                maxBufferedObservations, null, null);
    }

    /** The pinned names ahead of {@code others} (the system's resolver, usually). */
    public NameResolver resolver(NameResolver others) {
        return hosts.isEmpty() ? others : new PinnedNameResolver(pins(hosts), others);
    }

    private static AddressPolicy addressPolicy(List<String> networks, boolean allowPrivate) {
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            try {
                cidrs.add(Cidr.parse(networks.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allowedNetworks[" + i + "]: " + e.getMessage());
            }
        }
        return new AddressPolicy(allowPrivate, cidrs);
    }

    private static Map<String, List<InetAddress>> pins(Map<String, List<String>> hosts) {
        Map<String, List<InetAddress>> pins = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> host : hosts.entrySet()) {
            if (host.getValue() == null || host.getValue().isEmpty()) {
                throw new IllegalArgumentException("hosts." + host.getKey() + ": name at least one address");
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : host.getValue()) {
                try {
                    Cidr literal = Cidr.parse(address); // an IP literal and nothing DNS could answer
                    if (address.contains("/")) {
                        throw new IllegalArgumentException("an address, not a network");
                    }
                    addresses.add(InetAddress.getByAddress(literal.network()));
                } catch (IllegalArgumentException | UnknownHostException e) {
                    throw new IllegalArgumentException("hosts." + host.getKey() + ": \"" + address + "\" is not an IP address");
                }
            }
            pins.put(host.getKey(), addresses);
        }
        return pins;
    }
}
