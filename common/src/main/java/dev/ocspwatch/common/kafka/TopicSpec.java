package dev.ocspwatch.common.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * A topic as ocspwatch needs it: name, partition count and the configs that matter (compaction,
 * retention). Used to create topics on the in-process broker and to check an existing cluster.
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, count, configs);
    }

    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
