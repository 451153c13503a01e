package dev.ocspwatch.agent.probe;

import dev.ocspwatch.common.probe.ProbeTimings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange and what led to it. {@code failure} is null when an HTTP answer arrived
 * (whatever its status); then {@code status}, {@code headers} and {@code body} are set.
 */
public record HttpFetch(
        String url,
        String finalUrl,
        List<String> redirects,
        List<String> resolvedAddresses,
        String connectedAddress,
        Instant startedAt,
        ProbeTimings timings,
        Integer status,
        Map<String, String> headers,
        byte[] body,
        FetchFailure failure) {

    public boolean succeeded() {
        return failure == null;
    }
}
