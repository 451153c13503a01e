package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.io.IOException;
import java.util.Base64;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Keeps the global {@code issuers-view} store: every issuing CA's certificate, read from the
 * compacted {@code ocspwatch.issuers} on every instance, so any instance can put the issuer into
 * an evidence bundle. A record is kept only if its certificate parses and its key is the one the
 * record is filed under: bundles look issuers up by that hash, and a mislabelled certificate
 * would hand a reader the wrong CA. Anything else is counted as {@code malformed-issuer}.
 */
final class IssuerViewUpdater implements Processor<String, byte[], Void, Void> {
    static final String REJECTED = "malformed-issuer";
    private final CollectorMetrics metrics;
    private KeyValueStore<String, IssuerRecord> view;

    IssuerViewUpdater(CollectorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        view = context.getStateStore(StoreNames.ISSUERS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            metrics.rejected(REJECTED, () -> "an issuer record without a key");
            return;
        }
        if (record.value() == null) {
            view.delete(key);
            return;
        }
        IssuerRecord issuer;
        String spki;
        try {
            issuer = Topics.ISSUERS.value(record.value());
            spki = IssuerCertificate.of(new X509CertificateHolder(Base64.getDecoder().decode(issuer.certificate()))).spkiSha256();
        } catch (IOException | CertificateInputException | RuntimeException e) {
            metrics.rejected(REJECTED, () -> "under key " + key + ": " + e.getMessage());
            return;
        }
        if (!spki.equals(key) || !spki.equals(issuer.issuerSpkiSha256())) {
            metrics.rejected(REJECTED, () -> "under key " + key + ": the certificate's SPKI SHA-256 is " + spki
                    + ", the record says " + issuer.issuerSpkiSha256());
            return;
        }
        view.put(key, issuer);
    }
}
