package dev.ocspwatch.agent.discovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The discovery role's configuration.
 *
 * @param logList a CT log list v3: an http(s) URL, a file, {@value #BUNDLED_LOG_LIST} for the copy
 *     of Chrome's list inside the jar, or null for none (only the logs named here). The default
 *     ({@link #defaults()}) is the bundled copy, so discovery starts without network; production
 *     agents point this at {@value #CHROME_LOG_LIST} to learn of new logs
 * @param logListCache where the last list fetched from a URL is kept, so a restart without network
 *     still knows the logs (Chrome asks consumers to cache it); null for no cache. With neither
 *     the URL nor a cached copy the bundled list is used, with a warning
 * @param logListRefresh how often the list is read again (logs added start at their head,
 *     logs removed stop)
 * @param logs logs named here in addition to the list's (a log named in both is taken from here)
 * @param recentIds how many recently published certificate ids are remembered to cut duplicates
 */
public record DiscoverySettings(String logList, Path logListCache, Duration logListRefresh, List<LogSpec> logs,
                                FollowerSettings follower, DiscoveryFilter filter, Integer recentIds) {
    public static final String CHROME_LOG_LIST = "https://www.gstatic.com/ct/log_list/v3/log_list.json";
    /** The log list bundled in the jar: Chrome's v3 list version 59.1 of 2025-07-10 (see {@link BundledLogList}). */
    public static final String BUNDLED_LOG_LIST = "bundled";

    public DiscoverySettings {
        logListRefresh = logListRefresh == null ? Duration.ofHours(1) : logListRefresh;
        logs = logs == null ? List.of() : List.copyOf(logs);
        follower = follower == null ? FollowerSettings.DEFAULT : follower;
        filter = filter == null ? DiscoveryFilter.ALL : filter;
        recentIds = recentIds == null ? 200_000 : recentIds;
        if (recentIds < 1) {
            throw new IllegalArgumentException("recentIds must be at least 1");
        }
    }

    /** The bundled log list, no cache, default follower settings, no filter. */
    public static DiscoverySettings defaults() {
        return new DiscoverySettings(BUNDLED_LOG_LIST, null, null, null, null, null, null);
    }

    /** Only the logs named here, no list. */
    public static DiscoverySettings logs(List<LogSpec> logs, FollowerSettings follower) {
        return new DiscoverySettings(null, null, null, logs, follower, null, null);
    }
}
