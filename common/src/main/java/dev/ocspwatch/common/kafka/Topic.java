package dev.ocspwatch.common.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes its keys and values travel in, so no producer or consumer can pair a
 * topic with the wrong format (the kafka-streams-examples pattern). Names and defaults live in
 * {@link Topics}.
 *
 * @param defaultPartitions how many partitions ocspwatch creates it with unless configured
 * @param configs topic configs ocspwatch relies on (compaction), checked against a cluster
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int defaultPartitions,
                          Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    public TopicSpec spec(int partitions) {
        return new TopicSpec(name, partitions, configs);
    }

    public TopicSpec spec() {
        return spec(defaultPartitions);
    }

    /**
     * A record ready for a byte-array producer, serialized with this topic's serdes: one
     * producer per process serves every topic, and no topic can get the wrong format.
     */
    public ProducerRecord<byte[], byte[]> record(K key, V value) {
        return new ProducerRecord<>(name, keySerde.serializer().serialize(name, key), valueSerde.serializer().serialize(name, value));
    }

    public K key(byte[] bytes) {
        return keySerde.deserializer().deserialize(name, bytes);
    }

    public V value(byte[] bytes) {
        return valueSerde.deserializer().deserialize(name, bytes);
    }
}
