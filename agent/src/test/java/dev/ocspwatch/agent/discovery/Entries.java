package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.ct.LoggedCertificates;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.world.ManualClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Log entries as a follower would hand them over, with the CT timestamp a test chooses: logged in
 * a lab log whose clock the test sets, then parsed by the common entry parser.
 */
final class Entries {
    private final ManualClock clock = new ManualClock(Instant.now());
    private final SimulatedCtLog log = new SimulatedCtLog("entry-factory", KeyKind.ECDSA_P256.generate(), clock, Duration.ZERO);

    synchronized LoggedCertificate of(TestCa ca, BigInteger serial, boolean precert, long timestamp, long index) {
        clock.set(Instant.ofEpochMilli(timestamp));
        SimulatedCtLog.Submission submission = log.submit(ca.issue(serial, precert), ca.chain(), precert);
        SimulatedCtLog.LogEntry entry = log.entries(submission.index(), submission.index() + 1).get(0);
        try {
            return LoggedCertificates.of(entry.leaf().entry(), entry.chain(), index);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Batch batch(CtLog log, long start, List<LoggedCertificate> certificates, List<Reject> rejects, long treeSize) {
        return new Batch(log, start, start + certificates.size() + rejects.size(), certificates, rejects, treeSize, 0);
    }
}
