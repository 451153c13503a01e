package dev.ocspwatch.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class CollectorStreamsSettingsTest {
    private static final CollectorStreamsSettings PLAIN = CollectorStreamsSettings.of(Path.of("state"));

    @Test
    void announcesTheApiAddressToKafkaStreamsOnlyWhenSet() {
        Properties without = CollectorService.properties(PLAIN, KafkaSettings.of("localhost:9092"));
        assertFalse(without.containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertNull(PLAIN.applicationServerInfo());
        CollectorStreamsSettings with = PLAIN.withApplicationServer("collector-2.internal:8080");
        Properties props = CollectorService.properties(with, KafkaSettings.of("localhost:9092"));
        assertEquals("collector-2.internal:8080", props.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals(new HostInfo("collector-2.internal", 8080), with.applicationServerInfo());
        assertEquals(new HostInfo("::1", 8080), PLAIN.withApplicationServer("[::1]:8080").applicationServerInfo());
        assertNull(with.withApplicationServer(null).applicationServer());
    }

    @Test
    void refusesAnAddressOtherInstancesCouldNotConnectTo() {
        for (String bad : new String[] {"collector-2", "collector-2:", ":8080", "collector-2:0", "collector-2:70000", "0.0.0.0:8080",
                "[::]:8080"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PLAIN.withApplicationServer(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
