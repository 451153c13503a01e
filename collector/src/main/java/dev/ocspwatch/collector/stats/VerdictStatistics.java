package dev.ocspwatch.collector.stats;

import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Per-issuer statistics and the region-by-issuer matrix, gathered in one pass over the latest
 * verdicts (fed by {@link CollectorView#forEachVerdict}). Keeps only counters and the time
 * values percentiles need (8 bytes per certificate and region). Not thread-safe: one pass,
 * one thread, then read.
 */
public final class VerdictStatistics implements Consumer<VerdictRecord> {
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final RegionStatus[] STATUSES = RegionStatus.values();

    // HashMap: a verdict without an issuer hash is grouped under the null key rather than dropped.
    private final Map<String, IssuerTally> issuers = new HashMap<>();

    /** One pass over everything the view holds. */
    public static VerdictStatistics of(CollectorView view) {
        VerdictStatistics statistics = new VerdictStatistics();
        view.forEachVerdict(statistics);
        return statistics;
    }

    @Override
    public void accept(VerdictRecord verdict) {
        issuers.computeIfAbsent(verdict.issuerSpkiSha256(), IssuerTally::new).add(verdict);
    }

    /** Most violations first, then most certificates, then by issuer hash: the worst CA on top. */
    public List<IssuerStatistics> issuers() {
        List<IssuerStatistics> list = new ArrayList<>();
        for (IssuerTally tally : issuers.values()) {
            list.add(tally.statistics());
        }
        list.sort(Comparator.comparingLong((IssuerStatistics s) -> -s.count(Verdict.VIOLATION))
                .thenComparingLong(s -> -s.decided())
                .thenComparing(IssuerStatistics::issuerSpkiSha256, Comparator.nullsLast(Comparator.naturalOrder())));
        return list;
    }

    public RegionMatrix regionMatrix() {
        TreeSet<String> regions = new TreeSet<>();
        for (IssuerTally tally : issuers.values()) {
            regions.addAll(tally.regions.keySet());
        }
        List<RegionMatrix.Row> rows = new ArrayList<>();
        for (IssuerStatistics issuer : issuers()) {
            IssuerTally tally = issuers.get(issuer.issuerSpkiSha256());
            Map<String, RegionMatrix.Cell> cells = new TreeMap<>();
            tally.regions.forEach((region, regionTally) -> cells.put(region, regionTally.cell()));
            rows.add(new RegionMatrix.Row(issuer.issuerSpkiSha256(), issuer.issuerSubject(),
                    Collections.unmodifiableMap(cells)));
        }
        return new RegionMatrix(new ArrayList<>(regions), rows);
    }

    private static final class IssuerTally {
        final String issuerSpkiSha256;
        String issuerSubject;
        long decided;
        final long[] verdicts = new long[VERDICTS.length];
        final LongList firstAuthoritative = new LongList();
        final Map<String, RegionTally> regions = new TreeMap<>();
        long flapping;

        IssuerTally(String issuerSpkiSha256) {
            this.issuerSpkiSha256 = issuerSpkiSha256;
        }

        void add(VerdictRecord verdict) {
            decided++;
            verdicts[verdict.verdict().ordinal()]++;
            if (verdict.flapping()) {
                flapping++;
            }
            String subject = verdict.issuerSubject();
            // Verdicts come in no order; the smallest name keeps the result independent of it.
            if (subject != null && (issuerSubject == null || subject.compareTo(issuerSubject) < 0)) {
                issuerSubject = subject;
            }
            Long fastest = null;
            for (RegionVerdict region : verdict.regions()) {
                if (region.region() == null) {
                    continue;
                }
                Long time = region.timeToFirstAuthoritativeMs();
                regions.computeIfAbsent(region.region(), r -> new RegionTally()).add(region.status(), time);
                if (time != null && (fastest == null || time < fastest)) {
                    fastest = time;
                }
            }
            if (fastest != null) {
                firstAuthoritative.add(fastest);
            }
        }

        IssuerStatistics statistics() {
            Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
            for (Verdict v : VERDICTS) {
                byVerdict.put(v, verdicts[v.ordinal()]);
            }
            Map<String, Latency> byRegion = new LinkedHashMap<>();
            regions.forEach((region, tally) -> byRegion.put(region, tally.times.latency()));
            long withResponder = decided - verdicts[Verdict.NOT_APPLICABLE.ordinal()];
            double violationRate = withResponder == 0 ? 0.0 : (double) verdicts[Verdict.VIOLATION.ordinal()] / withResponder;
            return new IssuerStatistics(issuerSpkiSha256, issuerSubject, decided, Collections.unmodifiableMap(byVerdict),
                    firstAuthoritative.latency(), Collections.unmodifiableMap(byRegion), flapping, violationRate);
        }
    }

    private static final class RegionTally {
        long certificates;
        final long[] statuses = new long[STATUSES.length];
        final LongList times = new LongList();

        void add(RegionStatus status, Long timeToFirstAuthoritativeMs) {
            certificates++;
            // A region without a status is counted as not asked: it reported no counted probe.
            statuses[Objects.requireNonNullElse(status, RegionStatus.NOT_ASKED).ordinal()]++;
            if (timeToFirstAuthoritativeMs != null) {
                times.add(timeToFirstAuthoritativeMs);
            }
        }

        RegionMatrix.Cell cell() {
            Map<RegionStatus, Long> byStatus = new EnumMap<>(RegionStatus.class);
            for (RegionStatus s : STATUSES) {
                byStatus.put(s, statuses[s.ordinal()]);
            }
            return new RegionMatrix.Cell(certificates, Collections.unmodifiableMap(byStatus), times.latency().p50Ms());
        }
    }

    /** A growable array of primitive longs: a million certificates cost 8 MB, not 24 MB of boxes. */
    private static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        Latency latency() {
            return Latency.of(values, size);
        }
    }
}
