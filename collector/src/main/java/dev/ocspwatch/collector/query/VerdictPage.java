package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.List;

/** One page of verdicts; {@code next} is the token for the following page, null on the last. */
public record VerdictPage(List<VerdictRecord> items, String next) {
    public VerdictPage {
        items = List.copyOf(items);
    }
}
