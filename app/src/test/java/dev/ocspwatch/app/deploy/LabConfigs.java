package dev.ocspwatch.app.deploy;

import dev.ocspwatch.app.config.WatchConfig;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Agent and collector configuration files for a lab scenario, written as an operator would:
 * the lab's CT logs named by URL and key, the CAs' hosts pinned to the region's point of
 * presence ({@code prober.hosts}), the lab's networks allowed, the scenario's deadline.
 */
public final class LabConfigs {
    private final Scenario scenario;
    private final World world;
    private final String bootstrap;
    private final Path directory;

    public LabConfigs(Scenario scenario, World world, String bootstrap, Path directory) {
        this.scenario = scenario;
        this.world = world;
        this.bootstrap = bootstrap;
        this.directory = directory;
    }

    public WatchConfig watch() {
        return new WatchConfig(scenario.deadline(), scenario.real(scenario.watchWindow()));
    }

    Path agent(String region, boolean discovery) throws IOException {
        String yaml = common() + (discovery ? discovery() : "") + prober(region) + "metrics: {port: 0}\n";
        return write("agent-" + region + ".yaml", yaml);
    }

    /** {@code ocspwatch standalone}'s file for one region of the scenario, keeping its data in {@code data}. */
    public Path standalone(String region, Path data) throws IOException {
        String yaml = """
                directory: "%s"
                watch: {deadline: %s, window: %s}
                api: {port: 0}
                """.formatted(data, watch().deadline(), watch().window()) + discovery() + prober(region);
        return write("standalone.yaml", yaml);
    }

    private String prober(String region) {
        int number = World.regionNumbers(scenario).get(region);
        String pop = LabDns.popAddress(number).getHostAddress();
        String hosts = scenario.cas().stream().flatMap(ca -> java.util.stream.Stream.of(ca.ocspHost(), ca.repositoryHost()))
                .map(host -> "    " + host + ": [" + pop + "]").collect(Collectors.joining("\n"));
        return """
                prober:
                  region: %s
                  allowedNetworks: [127.0.1.0/24, 127.0.2.0/24]
                  hosts:
                %s
                """.formatted(region, hosts);
    }

    /** @param webhook where violation alerts go (generic JSON) */
    Path collector(String webhook) throws IOException {
        String regions = scenario.regions().stream().map(Scenario.RegionSpec::name).collect(Collectors.joining(", "));
        String yaml = common() + """
                regions: [%s]
                streams: {applicationId: ocspwatch-distributed, stateDirectory: "%s", threads: 1, replicationFactor: 1}
                api: {host: 127.0.0.1, port: 0}
                alerts:
                  startAt: earliest
                  targets:
                    - {name: test, url: "%s", format: generic}
                """.formatted(regions, directory.resolve("collector-state"), webhook);
        return write("collector.yaml", yaml);
    }

    private String common() {
        return """
                kafka:
                  bootstrapServers: %s
                topics: {create: true, partitions: 6, replicationFactor: 1}
                watch: {deadline: %s, window: %s}
                """.formatted(bootstrap, watch().deadline(), watch().window());
    }

    private String discovery() {
        StringBuilder logs = new StringBuilder();
        for (SimulatedCtLog log : world.logs()) {
            Scenario.CtApi api = scenario.ctLogs().stream().filter(s -> s.name().equals(log.name())).findFirst().orElseThrow().api();
            String key = Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded());
            logs.append("    - {name: ").append(log.name()).append(", url: \"").append(world.logUrl(log.name())).append("\", api: ")
                    .append(api == Scenario.CtApi.STATIC ? "static, origin: \"" + log.origin() + "\"" : "rfc6962")
                    .append(", key: \"").append(key).append("\", fromIndex: 0}\n");
        }
        return """
                discovery:
                  logList: ~
                  follower: {pollInterval: PT0.2S, batchSize: 256, parallelFetches: 2, partialTileMaxAge: PT0.3S, maxRetriesPerIndex: 5}
                  logs:
                """ + logs;
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(directory.resolve(name), yaml);
    }
}
