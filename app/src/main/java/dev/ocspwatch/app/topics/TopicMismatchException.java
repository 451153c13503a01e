package dev.ocspwatch.app.topics;

import java.util.List;

/** The cluster's topics are not what ocspwatch needs, or the cluster cannot be asked; the message lists every disagreement, one per line. */
public final class TopicMismatchException extends Exception {
    private final List<String> problems;

    public TopicMismatchException(List<String> problems) {
        this("Kafka topics disagree with the configuration:", problems);
    }

    /** A cluster that could not be asked at all: {@code headline} says so. */
    static TopicMismatchException unreachable(String reason) {
        return new TopicMismatchException("cannot check Kafka's topics: " + reason, List.of());
    }

    private TopicMismatchException(String headline, List<String> problems) {
        super(problems.isEmpty() ? headline : headline + "\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
