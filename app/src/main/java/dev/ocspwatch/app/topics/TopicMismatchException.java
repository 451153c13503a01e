package dev.ocspwatch.app.topics;

import java.util.List;

/** The cluster's topics are not what ocspwatch needs; the message lists every disagreement, one per line. */
public final class TopicMismatchException extends Exception {
    private final List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super("Kafka topics disagree with the configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
