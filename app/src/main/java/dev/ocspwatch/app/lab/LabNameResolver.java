package dev.ocspwatch.app.lab;

import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.lab.dns.LabDns;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The lab's name service as one region's agent sees it: how an agent in the lab finds the CAs' responders. */
public record LabNameResolver(LabDns dns, String region) implements NameResolver {
    @Override
    public Future<List<InetAddress>> resolve(String host) {
        return dns.resolve(region, host).map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new UnknownHostException(host + " (lab, region " + region + ")")));
    }
}
