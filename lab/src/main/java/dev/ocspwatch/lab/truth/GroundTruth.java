package dev.ocspwatch.lab.truth;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.world.WorldTime;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's ledger: every certificate it issued (with its earliest CT timestamp) and every OCSP
 * answer it gave, per region, with the outcome each implies. From it the lab exports, per
 * certificate, the verdict DESIGN.md's rules imply, to score the collector against.
 *
 * <p>Blocked egress never reaches the lab, so it is taken from the scenario's faults: a region
 * whose path to a CA was blocked at any time between a certificate's deadline and the end of its
 * watch window failed at the transport level for that certificate (the agents always probe at
 * the deadline and through the window).
 */
public final class GroundTruth {
    private final WorldTime time;
    private final Duration deadline;
    private final Duration watchWindow;
    private final List<String> regions;
    private final Map<String, Entry> certificates = new ConcurrentHashMap<>();

    private static final class Entry {
        final String certificateId;
        final String ca;
        final BigInteger serial;
        final boolean ocsp;
        volatile boolean precertOnly;
        volatile Instant publishedAt;
        final List<ServedAnswer> answers = new ArrayList<>();

        Entry(String certificateId, String ca, BigInteger serial, boolean ocsp) {
            this.certificateId = certificateId;
            this.ca = ca;
            this.serial = serial;
            this.ocsp = ocsp;
        }
    }

    /**
     * @param deadline the real deadline (the scenario's {@code deadline})
     * @param watchWindow the real watch window
     */
    public GroundTruth(WorldTime time, Duration deadline, Duration watchWindow, List<String> regions) {
        this.time = time;
        this.deadline = deadline;
        this.watchWindow = watchWindow;
        this.regions = List.copyOf(regions);
    }

    public void issued(String certificateId, String ca, BigInteger serial, boolean ocsp) {
        certificates.putIfAbsent(key(ca, serial), new Entry(certificateId, ca, serial, ocsp));
    }

    /** A CT log sequenced this certificate at {@code timestamp}; the earliest such instant is its publication. */
    public void published(String ca, BigInteger serial, Instant timestamp) {
        Entry entry = certificates.get(key(ca, serial));
        if (entry != null) {
            synchronized (entry) {
                if (entry.publishedAt == null || timestamp.isBefore(entry.publishedAt)) {
                    entry.publishedAt = timestamp;
                }
            }
        }
    }

    public void precertOnly(String ca, BigInteger serial) {
        Entry entry = certificates.get(key(ca, serial));
        if (entry != null) {
            entry.precertOnly = true;
        }
    }

    public void served(String ca, BigInteger serial, String region, String method, Outcome implied, boolean fromCache, Instant at) {
        Entry entry = certificates.get(key(ca, serial));
        if (entry != null && implied != null) {
            synchronized (entry) {
                entry.answers.add(new ServedAnswer(at, region, method, implied, fromCache));
            }
        }
    }

    public int size() {
        return certificates.size();
    }

    /** Every certificate's truth, as of now, against the faults given. */
    public List<CertificateTruth> export(List<Fault> faults) {
        List<CertificateTruth> out = new ArrayList<>();
        for (Entry entry : certificates.values()) {
            out.add(truth(entry, faults));
        }
        out.sort(Comparator.comparing(CertificateTruth::certificateId));
        return out;
    }

    private CertificateTruth truth(Entry entry, List<Fault> faults) {
        List<ServedAnswer> answers;
        synchronized (entry) {
            answers = List.copyOf(entry.answers);
        }
        Instant published = entry.publishedAt;
        if (published == null) {
            return new CertificateTruth(entry.certificateId, entry.ca, entry.serial.toString(16), entry.precertOnly, entry.ocsp,
                    null, null, null, Map.of(), List.of(), null, "not yet in a CT log");
        }
        Instant due = published.plus(deadline);
        Instant end = due.plus(watchWindow);
        Map<String, List<ServedAnswer>> after = new LinkedHashMap<>();
        Map<String, List<String>> outcomes = new TreeMap<>();
        for (ServedAnswer answer : answers) {
            if (!answer.at().isBefore(due) && !answer.at().isAfter(end)) {
                after.computeIfAbsent(answer.region(), r -> new ArrayList<>()).add(answer);
                outcomes.computeIfAbsent(answer.region(), r -> new ArrayList<>()).add(answer.implied().name());
            }
        }
        Set<String> blocked = blockedRegions(entry.ca, due, end, faults);
        VerdictRules.Decision decision = VerdictRules.decide(entry.ocsp, after, blocked, regions);
        return new CertificateTruth(entry.certificateId, entry.ca, entry.serial.toString(16), entry.precertOnly, entry.ocsp,
                published, due, end, outcomes, List.copyOf(blocked), decision.verdict(), decision.reason());
    }

    private Set<String> blockedRegions(String ca, Instant from, Instant to, List<Fault> faults) {
        Set<String> blocked = new TreeSet<>();
        for (Fault fault : faults) {
            if (fault instanceof Fault.EgressBlocked egress && (egress.ca() == null || egress.ca().equals(ca))) {
                Instant start = egress.from() == null ? time.start() : time.at(egress.from());
                Instant stop = egress.until() == null ? Instant.MAX : time.at(egress.until());
                if (start.isBefore(to) && stop.isAfter(from)) {
                    blocked.add(egress.region());
                }
            }
        }
        return blocked;
    }

    private static String key(String ca, BigInteger serial) {
        return ca + ":" + serial.toString(16);
    }
}
