package dev.ocspwatch.lab.scenario;

import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.config.ConfigFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One story the lab plays: which CAs issue how often, how their status pipelines are built,
 * which regions probe through which CDN point of presence, and which faults are switched on
 * when. Loaded from {@code config/scenarios/<name>.yaml}.
 *
 * <p>Time: every duration is story time, what it would be in the real 15-minute world, except
 * {@code deadline} (the real time that stands for BR 4.9.9's 15 minutes) and the {@code slow}
 * fault's delay. The lab scales story time by {@code deadline / 15 minutes}, so a story
 * written in real minutes plays in seconds.
 *
 * @param issueFor story time during which the CAs issue
 * @param watchWindow story time after each deadline that the agents keep probing and the lab
 *     keeps running (DESIGN.md's watch window)
 */
public record Scenario(
        String name,
        String description,
        Long seed,
        Duration deadline,
        Duration issueFor,
        Duration watchWindow,
        List<RegionSpec> regions,
        List<SiteSpec> sites,
        List<CaSpec> cas,
        List<CtLogSpec> ctLogs,
        List<Fault> faults) {

    /** The real-world deadline the scenario's durations are written in. */
    public static final Duration STORY_DEADLINE = Duration.ofMinutes(15);

    public Scenario {
        require(name != null && !name.isBlank(), "name is required");
        seed = seed == null ? 1L : seed;
        require(positive(deadline), "deadline is required, e.g. PT20S");
        require(positive(issueFor), "issueFor is required, e.g. PT10M");
        watchWindow = watchWindow == null ? Duration.ofMinutes(30) : watchWindow;
        regions = List.copyOf(Objects.requireNonNullElse(regions, List.of()));
        sites = List.copyOf(Objects.requireNonNullElse(sites, List.of()));
        cas = List.copyOf(Objects.requireNonNullElse(cas, List.of()));
        ctLogs = List.copyOf(ctLogs == null || ctLogs.isEmpty() ? CtLogSpec.DEFAULTS : ctLogs);
        faults = List.copyOf(Objects.requireNonNullElse(faults, List.of()));
        require(!regions.isEmpty(), "regions: at least one region is required");
        require(!sites.isEmpty(), "sites: at least one site is required");
        require(!cas.isEmpty(), "cas: at least one CA is required");
        require(regions.size() <= 200, "regions: at most 200");
        Set<String> siteNames = unique(sites.stream().map(SiteSpec::name).toList(), "sites");
        Set<String> regionNames = unique(regions.stream().map(RegionSpec::name).toList(), "regions");
        Set<String> caNames = unique(cas.stream().map(CaSpec::name).toList(), "cas");
        Set<String> logNames = unique(ctLogs.stream().map(CtLogSpec::name).toList(), "ctLogs");
        for (RegionSpec region : regions) {
            require(siteNames.contains(region.site()), "regions: " + region.name() + " routes to unknown site '" + region.site() + "'");
        }
        for (Fault fault : faults) {
            require(fault.from() == null || fault.until() == null || fault.until().compareTo(fault.from()) > 0,
                    "faults: " + fault.switchName() + " ends (until " + fault.until() + ") before it starts (from " + fault.from() + ")");
            require(fault.ca() == null || caNames.contains(fault.ca()),
                    "faults: " + fault.switchName() + " names unknown CA '" + fault.ca() + "'");
            require(fault.site() == null || siteNames.contains(fault.site()),
                    "faults: " + fault.switchName() + " names unknown site '" + fault.site() + "'");
            require(fault.log() == null || logNames.contains(fault.log()),
                    "faults: " + fault.switchName() + " names unknown CT log '" + fault.log() + "'");
            require(fault.region() == null || regionNames.contains(fault.region()),
                    "faults: " + fault.switchName() + " names unknown region '" + fault.region() + "'");
        }
    }

    /** Loads {@code file}; errors name the file and the key. */
    public static Scenario load(Path file) throws ConfigException {
        return ConfigFiles.load(file, Scenario.class);
    }

    /** Loads {@code <directory>/<name>.yaml}. */
    public static Scenario load(Path directory, String name) throws ConfigException {
        return load(directory.resolve(name + ".yaml"));
    }

    /** The factor that turns story durations into real ones. */
    public double timeScale() {
        return (double) deadline.toNanos() / STORY_DEADLINE.toNanos();
    }

    /** Story time to real time. */
    public Duration real(Duration story) {
        return Duration.ofNanos(Math.round(story.toNanos() * timeScale()));
    }

    /** A copy with {@code faults} instead of this scenario's (for tests that switch faults on). */
    public Scenario withFaults(List<Fault> replacement) {
        return new Scenario(name, description, seed, deadline, issueFor, watchWindow, regions, sites, cas, ctLogs, replacement);
    }

    static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Set<String> unique(List<String> names, String where) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            require(name != null && !name.isBlank(), where + ": every entry needs a name");
            require(seen.add(name), where + ": duplicate name '" + name + "'");
        }
        return seen;
    }

    /** A region where agents probe from, reaching the CDN through its own point of presence. */
    public record RegionSpec(String name, String site) {
    }

    /** A CA data centre: status-database replicas behind web nodes that pick one per request. */
    public record SiteSpec(String name, int replicas, Duration lag) {
        public SiteSpec {
            require(replicas >= 1 && replicas <= 64, "sites: replicas must be 1 to 64");
            lag = lag == null ? Duration.ZERO : lag;
        }
    }

    /**
     * A simulated CT log. Every lab log serves both APIs; {@code api} is how the lab's log list
     * advertises it ({@code logs} with a url, or {@code tiled_logs} with a monitoring_url).
     *
     * @param mergeDelay story time from submission to the entry's appearance in the tree
     * @param maxGetEntries the most entries one get-entries answer holds (logs answer short)
     */
    public record CtLogSpec(String name, CtApi api, Duration mergeDelay, Integer maxGetEntries) {
        static final List<CtLogSpec> DEFAULTS = List.of(
                new CtLogSpec("lab-rfc6962", CtApi.RFC6962, null, null),
                new CtLogSpec("lab-static", CtApi.STATIC, null, null));

        public CtLogSpec {
            require(name != null && name.matches("[a-z0-9][a-z0-9-]{0,40}"), "ctLogs: name must be lower-case letters, digits and dashes");
            api = api == null ? CtApi.RFC6962 : api;
            mergeDelay = mergeDelay == null ? Duration.ZERO : mergeDelay;
            maxGetEntries = maxGetEntries == null ? 64 : maxGetEntries;
            require(maxGetEntries >= 1 && maxGetEntries <= 1024, "ctLogs: maxGetEntries must be 1 to 1024");
        }
    }

    /** Which CT API a log list advertises a log under. */
    public enum CtApi {
        RFC6962,
        STATIC
    }
}
