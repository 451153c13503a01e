package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.CertificateRecord;

/**
 * A certificate record as the feed read it.
 *
 * @param replayed read while rebuilding a partition's schedule (its offset was below the
 *     partition's end when the agent was assigned it): earlier probes may or may not have been made
 */
record CertificateArrival(int partition, CertificateRecord record, boolean replayed) {
}
