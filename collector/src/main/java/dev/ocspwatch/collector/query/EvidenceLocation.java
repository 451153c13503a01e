package dev.ocspwatch.collector.query;

import java.util.Objects;

/**
 * Where one certificate's evidence can be read. Verdicts sit in a global store on every
 * collector instance, but a certificate's state and observations sit only in the task stores of
 * the instance that owns its partition; with several instances, a request for them has to go
 * there. This says where "there" is, as a value: rebalancing is a normal state, not an error.
 */
public sealed interface EvidenceLocation permits EvidenceLocation.Local, EvidenceLocation.Remote, EvidenceLocation.Unavailable {

    /** This instance holds it (or is the only instance): read {@link CollectorView#certificate(String)} here. */
    static EvidenceLocation local() {
        return Local.INSTANCE;
    }

    /** This instance holds the certificate's partition. */
    record Local() implements EvidenceLocation {
        private static final Local INSTANCE = new Local();
    }

    /**
     * Another instance owns it; {@code host:port} is that instance's HTTP API, as it announced it
     * in its {@code application.server} setting.
     */
    record Remote(String host, int port) implements EvidenceLocation {
        public Remote {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("not an instance's address: " + host + ":" + port);
            }
        }

        /** {@code host:port}, an IPv6 literal in brackets, as it goes in a URL or a message. */
        public String authority() {
            return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Nobody can answer for it right now: instances are joining or leaving (a rebalance) or this
     * one is starting or stopping. Asking again in a few seconds normally succeeds.
     *
     * @param reason what is going on, for the person asking
     */
    record Unavailable(String reason) implements EvidenceLocation {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
