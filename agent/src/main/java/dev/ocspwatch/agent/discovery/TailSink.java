package dev.ocspwatch.agent.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.CertificateRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;

/**
 * The sink of {@code ocspwatch ct tail}: prints every certificate as it is discovered (a line of
 * text, or with {@code json} one {@link CertificateRecord} object per line), rejects to stderr
 * with their index and reason, and completes {@link #done()} after {@code limit} certificates.
 */
public final class TailSink implements BatchSink {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final long limit;
    private final Clock clock;
    private final Promise<Long> done = Promise.promise();
    private long printed;

    /**
     * @param limit stop after this many certificates; 0 for no limit
     */
    public TailSink(PrintWriter out, PrintWriter err, boolean json, long limit, Clock clock) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Future<Void> accept(Batch batch) {
        for (Reject reject : batch.rejects()) {
            reject(reject);
        }
        String logId = batch.log().logId() == null ? null : batch.log().logId().base64();
        for (LoggedCertificate certificate : batch.certificates()) {
            if (done.future().isComplete()) {
                break;
            }
            CertificateRecord record = CertificateRecord.of(certificate, logId, batch.log().name(), clock.instant());
            out.println(json ? toJson(record) : text(record));
            printed++;
            if (limit > 0 && printed >= limit) {
                done.tryComplete(printed);
            }
        }
        out.flush();
        return done.future().isComplete() ? Future.failedFuture("limit reached") : Future.succeededFuture();
    }

    @Override
    public void reject(Reject reject) {
        err.println("reject " + reject.log() + (reject.index() >= 0 ? " index " + reject.index() : "") + ": " + reject.reason()
                + ": " + reject.detail());
        err.flush();
    }

    /** Completes with the number printed once the limit is reached. */
    public Future<Long> done() {
        return done.future();
    }

    private static String toJson(CertificateRecord record) {
        try {
            return Json.mapper().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(CertificateRecord record) {
        return String.format("%d %s %-7s %s %s ocsp=%s", record.logIndex(), Instant.ofEpochMilli(record.timestamp()),
                record.precert() ? "precert" : "cert", record.certificateId(),
                record.dnsNames().isEmpty() ? "-" : record.dnsNames().get(0),
                record.ocspUrls().isEmpty() ? "none" : String.join(",", record.ocspUrls()));
    }
}
