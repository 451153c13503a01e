package dev.ocspwatch.app.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code OCSPWATCH_LOG_LEVEL=info|debug|trace|warn|error} raises or lowers every logger,
 * the Kafka broker's included. Applied before the first logger exists, which SLF4J's simple
 * binding requires.
 */
public final class LogLevel {
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private LogLevel() {
    }

    public static void fromEnvironment(Map<String, String> environment) {
        String level = environment.get("OCSPWATCH_LOG_LEVEL");
        if (level == null || !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            return;
        }
        String value = level.toLowerCase(Locale.ROOT);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", value);
        for (String logger : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, value);
        }
    }
}
