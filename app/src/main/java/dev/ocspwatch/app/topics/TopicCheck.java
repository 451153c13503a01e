package dev.ocspwatch.app.topics;

import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.TopicSpec;
import dev.ocspwatch.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Run by every command before it reads or writes: the topics its role needs exist (or are
 * created, when the policy says so) with the partitions, cleanup policy and retention ocspwatch
 * relies on. A cluster that disagrees stops the start with every disagreement listed, because
 * each one silently loses data later: a compacted observations topic keeps one probe per
 * certificate, a short retention drops a stopped collector's backlog, and certificates and
 * observations partitioned differently are never joined.
 */
public final class TopicCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicCheck() {
    }

    /** {@link #ensure(Admin, Collection, TopicPolicy, Duration)} with an admin client of its own. */
    public static List<String> ensure(KafkaSettings kafka, Collection<Topic<?, ?>> topics, TopicPolicy policy, Duration lifetime)
            throws TopicMismatchException, InterruptedException {
        Map<String, Object> properties = new HashMap<>(kafka.admin());
        properties.putIfAbsent("default.api.timeout.ms", (int) TIMEOUT.toMillis());
        properties.putIfAbsent("request.timeout.ms", (int) TIMEOUT.toMillis());
        Admin admin;
        try {
            admin = Admin.create(properties);
        } catch (KafkaException e) { // no resolvable bootstrap address, a bad client property
            throw TopicMismatchException.unreachable(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        try (admin) {
            return ensure(admin, topics, policy, lifetime);
        }
    }

    /**
     * @param lifetime a certificate's life at the collector (deadline + watch window + grace):
     *     retention below it loses observations before they are decided
     * @return the names of the topics created
     * @throws TopicMismatchException naming every topic that is missing or configured otherwise
     */
    public static List<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, TopicPolicy policy, Duration lifetime)
            throws TopicMismatchException, InterruptedException {
        Map<String, TopicSpec> wanted = new LinkedHashMap<>();
        for (Topic<?, ?> topic : topics) {
            wanted.put(topic.name(), wanted(topic, policy));
        }
        try {
            Map<String, TopicDescription> existing = describe(admin, wanted.keySet());
            List<String> created = createMissing(admin, wanted, existing, policy);
            if (!created.isEmpty()) {
                existing = describe(admin, wanted.keySet());
            }
            Map<String, Config> configs = configs(admin, existing.keySet());
            List<String> problems = new ArrayList<>();
            for (TopicSpec spec : wanted.values()) {
                TopicDescription description = existing.get(spec.name());
                if (description == null) {
                    problems.add(spec.name() + " does not exist: create it with " + spec.partitions() + " partitions and "
                            + describeConfigs(spec) + ", or set topics.create: true");
                    continue;
                }
                problems.addAll(disagreements(spec, description.partitions().size(), configs.get(spec.name()), lifetime));
            }
            if (!problems.isEmpty()) {
                throw new TopicMismatchException(problems);
            }
            return created;
        } catch (ExecutionException e) {
            throw TopicMismatchException.unreachable(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw TopicMismatchException.unreachable("Kafka did not answer within " + TIMEOUT.toSeconds() + " s (bootstrap servers wrong,"
                    + " or the cluster down?)");
        }
    }

    /** The topic as ocspwatch would create it under {@code policy}. */
    static TopicSpec wanted(Topic<?, ?> topic, TopicPolicy policy) {
        boolean keyedByCertificate = topic.equals(Topics.CERTIFICATES) || topic.equals(Topics.OBSERVATIONS) || topic.equals(Topics.VERDICTS);
        int partitions = keyedByCertificate ? policy.partitions() : topic.defaultPartitions();
        Map<String, String> configs = new HashMap<>(topic.configs());
        if (!topic.spec().compacted()) {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", Long.toString(policy.retention().toMillis()));
        }
        return new TopicSpec(topic.name(), partitions, configs);
    }

    static List<String> disagreements(TopicSpec spec, int partitions, Config config, Duration lifetime) {
        List<String> problems = new ArrayList<>();
        String name = spec.name();
        if (partitions != spec.partitions()) {
            problems.add(name + " has " + partitions + " partitions, the configuration says " + spec.partitions() + ": set topics.partitions: "
                    + partitions + " in every agent and collector configuration (certificates and observations must match)");
        }
        String cleanup = value(config, "cleanup.policy").orElse("delete");
        boolean compacted = cleanup.contains("compact");
        if (spec.compacted() && !compacted) {
            problems.add(name + " has cleanup.policy=" + cleanup + ": it must be compacted (cleanup.policy=compact),"
                    + " it keeps the latest record per key");
        }
        if (!spec.compacted() && compacted) {
            problems.add(name + " has cleanup.policy=" + cleanup + ": it must not be compacted, compaction would keep one record per"
                    + " certificate and lose the rest (set cleanup.policy=delete)");
        }
        if (!spec.compacted()) {
            long retention = value(config, "retention.ms").map(Long::parseLong).orElse(-1L);
            if (retention >= 0 && retention < lifetime.toMillis()) {
                problems.add(name + " keeps records " + Duration.ofMillis(retention) + " (retention.ms=" + retention + "), less than a"
                        + " certificate's life at the collector (" + lifetime + "): records would expire before they are decided");
            }
        }
        return problems;
    }

    private static List<String> createMissing(Admin admin, Map<String, TopicSpec> wanted, Map<String, TopicDescription> existing,
                                              TopicPolicy policy) throws ExecutionException, InterruptedException, TimeoutException {
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : wanted.values()) {
            if (!existing.containsKey(spec.name()) && policy.create()) {
                missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()),
                        policy.replicationFactor() < 0 ? Optional.empty() : Optional.of(policy.replicationFactor().shortValue()))
                        .configs(spec.configs()));
            }
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another process created it first: fine
                    throw e;
                }
            }
        }
        return created;
    }

    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        java.util.Set<String> present = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> asked = names.stream().filter(present::contains).toList();
        if (asked.isEmpty()) {
            return Map.of();
        }
        return admin.describeTopics(asked).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<String, Config> configs(Admin admin, Collection<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<String, Config> byName = new HashMap<>();
        if (!resources.isEmpty()) {
            admin.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((resource, config) -> byName.put(resource.name(), config));
        }
        return byName;
    }

    private static Optional<String> value(Config config, String key) {
        return Optional.ofNullable(config).map(c -> c.get(key)).map(e -> e.value()).filter(v -> !v.isBlank());
    }

    private static String describeConfigs(TopicSpec spec) {
        return spec.compacted() ? "cleanup.policy=compact"
                : "cleanup.policy=delete, retention.ms=" + spec.configs().get("retention.ms");
    }
}
