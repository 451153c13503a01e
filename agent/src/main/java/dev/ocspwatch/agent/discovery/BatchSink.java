package dev.ocspwatch.agent.discovery;

import io.vertx.core.Future;

/**
 * Where a follower hands what it read. {@link #accept} completes once the batch is safely
 * handled (for discovery: published and acknowledged by the brokers; the
 * checkpoint covering it is then sent without being waited for, so a crash repeats at most the
 * batches whose checkpoint had not landed); the follower waits for it
 * before handing the next, which is the backpressure from Kafka all the way to the log.
 */
public interface BatchSink {
    Future<Void> accept(Batch batch);

    /** A tree head, checkpoint or tile the follower could not use (never fatal; counted and logged once). */
    void reject(Reject reject);
}
