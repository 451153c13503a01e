package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@code verdicts-view} store: the latest verdict of every certificate, read
 * from the compacted {@code ocspwatch.verdicts} on every instance, so any instance answers list
 * and statistics queries whole. A revision older than the one held is ignored.
 */
final class VerdictViewUpdater implements Processor<String, byte[], Void, Void> {
    private final CollectorMetrics metrics;
    private KeyValueStore<String, VerdictRecord> view;

    VerdictViewUpdater(CollectorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        view = context.getStateStore(StoreNames.VERDICTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            metrics.rejected("malformed-verdict", () -> "a verdict record without a key");
            return;
        }
        if (record.value() == null) {
            view.delete(record.key());
            return;
        }
        VerdictRecord verdict;
        try {
            verdict = Topics.VERDICTS.value(record.value());
        } catch (RuntimeException e) {
            metrics.rejected("malformed-verdict", () -> "under key " + record.key() + ": " + e.getMessage());
            return;
        }
        VerdictRecord held = view.get(record.key());
        if (held == null || held.revision() <= verdict.revision()) {
            view.put(record.key(), verdict);
        }
    }
}
