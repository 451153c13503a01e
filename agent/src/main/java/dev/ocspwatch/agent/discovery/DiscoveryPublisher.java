package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.LogCheckpoint;
import dev.ocspwatch.common.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery's sink: turns each batch into Kafka records and checkpoints it. A certificate that
 * names no OCSP responder is counted per issuer and not sent (nothing to probe); one the filters
 * leave out, or published lately with an earlier or equal timestamp, is counted and skipped. An
 * issuer goes to {@code ocspwatch.issuers} before the first certificate that needs it. The batch
 * is accepted once every record was acknowledged; its checkpoint is written after that; if
 * Kafka is away, the batch is tried again until it is back, and the follower waits meanwhile.
 */
public final class DiscoveryPublisher implements BatchSink {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPublisher.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Producer<byte[], byte[]> producer;
    private final CheckpointStore checkpoints;
    private final DiscoveryFilter filter;
    private final RecentIds recent;
    private final DiscoveryMetrics metrics;
    private final Clock clock;
    private final Set<String> issuersSent = ConcurrentHashMap.newKeySet();

    public DiscoveryPublisher(Vertx vertx, Producer<byte[], byte[]> producer, CheckpointStore checkpoints, DiscoveryFilter filter,
                              RecentIds recent, DiscoveryMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.producer = producer;
        this.checkpoints = checkpoints;
        this.filter = filter;
        this.recent = recent;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Future<Void> accept(Batch batch) {
        Promise<Void> accepted = Promise.promise();
        attempt(batch, accepted);
        return accepted.future();
    }

    private void attempt(Batch batch, Promise<Void> accepted) {
        vertx.executeBlocking(() -> {
            publish(batch);
            return null;
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                accepted.complete();
            } else {
                LOG.warn("{}: publishing entries {}..{} failed, trying again: {}", batch.log().name(), batch.start(),
                        batch.end() - 1, ar.cause().toString());
                vertx.setTimer(RETRY.toMillis(), id -> attempt(batch, accepted));
            }
        });
    }

    /** Runs on a worker thread: sends, waits for every acknowledgement, then checkpoints. */
    private void publish(Batch batch) throws Exception {
        String logId = batch.log().logId() == null ? null : batch.log().logId().base64();
        List<java.util.concurrent.Future<RecordMetadata>> issuerSends = new ArrayList<>();
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> certificates = new ArrayList<>();
        Map<String, Long> sent = new LinkedHashMap<>();
        List<String> newIssuers = new ArrayList<>();
        List<Runnable> skipped = new ArrayList<>(); // counted once the batch went through, not once per attempt
        long lastTimestamp = 0;
        for (LoggedCertificate logged : batch.certificates()) {
            lastTimestamp = Math.max(lastTimestamp, logged.timestamp());
            CertificateRecord record = CertificateRecord.of(logged, logId, batch.log().name(), clock.instant());
            if (!record.hasOcsp()) {
                skipped.add(() -> metrics.withoutOcsp(record.issuerSpkiSha256()));
                continue;
            }
            if (!filter.matches(record)) {
                skipped.add(() -> metrics.filtered(batch.log().name()));
                continue;
            }
            Long inBatch = sent.get(record.certificateId());
            if (!recent.worthPublishing(record.certificateId(), record.timestamp())
                    || inBatch != null && inBatch <= record.timestamp()) {
                skipped.add(() -> metrics.duplicate(batch.log().name()));
                continue;
            }
            if (!issuersSent.contains(record.issuerSpkiSha256()) && !newIssuers.contains(record.issuerSpkiSha256())) {
                newIssuers.add(record.issuerSpkiSha256());
                IssuerRecord issuer = new IssuerRecord(record.issuerSpkiSha256(), record.issuerSubject(),
                        Base64.getEncoder().encodeToString(logged.issuerCertificate()));
                issuerSends.add(producer.send(Topics.ISSUERS.record(record.issuerSpkiSha256(), issuer)));
            }
            certificates.add(Topics.CERTIFICATES.record(record.certificateId(), record));
            sent.merge(record.certificateId(), record.timestamp(), Math::min);
        }
        // Other topics, other partitions: only an acknowledgement puts a new issuer on the broker before the
        // certificates that need it, so a prober never meets a certificate whose issuer it cannot find.
        for (java.util.concurrent.Future<RecordMetadata> send : issuerSends) {
            send.get(); // a failure here leaves nothing marked: the retry sends the whole batch again
        }
        List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
        for (org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> certificate : certificates) {
            sends.add(producer.send(certificate));
        }
        for (java.util.concurrent.Future<RecordMetadata> send : sends) {
            send.get(); // as above
        }
        issuersSent.addAll(newIssuers);
        sent.forEach(recent::published);
        sent.keySet().forEach(id -> metrics.published(batch.log().name()));
        skipped.forEach(Runnable::run);
        for (Reject reject : batch.rejects()) {
            metrics.reject(reject);
        }
        // Written only now that every record of the batch is acknowledged; not waited for: a lost
        // checkpoint only makes a restart publish this batch again, and the next one supersedes it.
        checkpoints.save(new LogCheckpoint(logId, batch.log().name(), batch.log().url(), batch.end(), batch.treeSize(),
                clock.instant()));
        metrics.read(batch.log().name(), batch.end() - batch.start(), lastTimestamp);
    }

    @Override
    public void reject(Reject reject) {
        metrics.reject(reject);
    }
}
