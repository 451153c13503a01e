package dev.ocspwatch.collector.stats;

import dev.ocspwatch.common.verdict.RegionStatus;
import java.util.List;
import java.util.Map;

/**
 * Each certificate authority against each region: where a CA's failure shows everywhere (the
 * CA's doing) and where only one region fails (a path problem, or one site's stale replicas).
 *
 * @param regions every region any verdict named, sorted
 * @param issuers one row per issuer, in the order of {@link VerdictStatistics#issuers()}
 */
public record RegionMatrix(List<String> regions, List<Row> issuers) {

    public RegionMatrix {
        regions = List.copyOf(regions);
        issuers = List.copyOf(issuers);
    }

    /** @param cells by region; a region the issuer's verdicts never named has no cell */
    public record Row(String issuerSpkiSha256, String issuerSubject, Map<String, Cell> cells) {
    }

    /**
     * @param certificates verdicts of the issuer that named the region
     * @param statuses those certificates by the region's status, every status present
     * @param p50TimeToFirstAuthoritativeMs median (nearest rank) of the region's time to first
     *     authoritative answer, null when the region never got one
     */
    public record Cell(long certificates, Map<RegionStatus, Long> statuses, Long p50TimeToFirstAuthoritativeMs) {
    }
}
