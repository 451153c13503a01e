package dev.ocspwatch.collector.query;

import java.util.Map;

/**
 * Whether the collector can answer: its Kafka Streams state and what it holds.
 *
 * @param state Kafka Streams' state name (RUNNING, REBALANCING, ...)
 * @param ready RUNNING: every query is answered from current state
 * @param details counts worth a glance: certificates in flight, verdicts known, observations rejected
 */
public record CollectorHealth(String state, boolean ready, Map<String, Long> details) {
    public CollectorHealth {
        details = Map.copyOf(details);
    }
}
