package dev.ocspwatch.lab.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Duration;

/**
 * A named fault switch: how a simulated CA, its CDN or a region's network misbehaves, modelled on
 * real incidents. Set in a scenario file ({@code switch: replicaStall}) or from a test at run
 * time. Every switch may be limited to a CA, a site or a region, and to a window of story time
 * since the world started ({@code from}, {@code until}); absent means "all" and "always".
 *
 * <p>{@link #implies()} is the outcome an agent must record for an answer this fault shaped: the
 * lab's ground truth uses it, and so do the tests that check the agents' observations.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "switch")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Fault.ReplicaStall.class, name = "replicaStall"),
    @JsonSubTypes.Type(value = Fault.ReplicaLag.class, name = "replicaLag"),
    @JsonSubTypes.Type(value = Fault.CdnCachesErrors.class, name = "cdnCachesErrors"),
    @JsonSubTypes.Type(value = Fault.UnknownAfterIssuance.class, name = "unknownAfterIssuance"),
    @JsonSubTypes.Type(value = Fault.TryLater.class, name = "tryLater"),
    @JsonSubTypes.Type(value = Fault.WrongSigner.class, name = "wrongSigner"),
    @JsonSubTypes.Type(value = Fault.DelegateWithoutEku.class, name = "delegateWithoutEku"),
    @JsonSubTypes.Type(value = Fault.DelegateExpired.class, name = "delegateExpired"),
    @JsonSubTypes.Type(value = Fault.OtherCertificate.class, name = "otherCertificate"),
    @JsonSubTypes.Type(value = Fault.NextUpdatePast.class, name = "nextUpdatePast"),
    @JsonSubTypes.Type(value = Fault.HttpStatus.class, name = "httpStatus"),
    @JsonSubTypes.Type(value = Fault.OneByteBody.class, name = "oneByteBody"),
    @JsonSubTypes.Type(value = Fault.Slow.class, name = "slow"),
    @JsonSubTypes.Type(value = Fault.EgressBlocked.class, name = "egressBlocked"),
    @JsonSubTypes.Type(value = Fault.CtRateLimited.class, name = "ctRateLimited"),
    @JsonSubTypes.Type(value = Fault.CtServerError.class, name = "ctServerError"),
    @JsonSubTypes.Type(value = Fault.CtSlow.class, name = "ctSlow")})
public sealed interface Fault {
    /** The CA this applies to, or null for every CA. */
    String ca();

    /** Story time since the world started from which the switch is on; null for the start. */
    Duration from();

    /** Story time since the world started at which the switch goes off; null for never. */
    Duration until();

    /** What an agent must record for an answer this fault shaped; null for faults of the CT logs. */
    Outcome implies();

    /** The site this applies to, for the switches that name one; null for every site. */
    default String site() {
        return null;
    }

    /** The region this applies to, for the switches that name one; null for every region. */
    default String region() {
        return null;
    }

    /** The CT log this applies to, for the CT switches; null for every log. */
    default String log() {
        return null;
    }

    /** The switch name, as scenario files spell it: {@code replicaStall} for {@link ReplicaStall}. */
    default String switchName() {
        String simple = getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /**
     * Some of a site's status-database replicas stop applying changes (the 2025 incident:
     * write-ahead logs expired before lagging replicas fetched them). A replica without a
     * serial answers {@code unauthorized}.
     */
    record ReplicaStall(String ca, String site, int replicas, Duration from, Duration until) implements Fault {
        public ReplicaStall {
            Scenario.require(site != null, "site is required");
            Scenario.require(replicas >= 1, "replicas must be at least 1");
        }

        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED;
        }
    }

    /** A site's replicas copy from the primary with this lag (story time) instead of the site's own. */
    record ReplicaLag(String ca, String site, Duration lag, Duration from, Duration until) implements Fault {
        public ReplicaLag {
            Scenario.require(site != null, "site is required");
            Scenario.require(lag != null && !lag.isNegative(), "lag is required and must not be negative");
        }

        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED;
        }
    }

    /** The CDN caches error answers too, for the max-age the origin sends: the amplifier of 2025. */
    record CdnCachesErrors(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED;
        }
    }

    /** The responder answers a signed {@code unknown} for the first {@code window} after issuance. */
    record UnknownAfterIssuance(String ca, Duration window, Duration from, Duration until) implements Fault {
        public UnknownAfterIssuance {
            Scenario.require(Scenario.positive(window), "window is required and must be positive");
        }

        @Override
        public Outcome implies() {
            return Outcome.UNKNOWN;
        }
    }

    /** The responder answers the unsigned {@code tryLater} status. */
    record TryLater(String ca, String site, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.TRY_LATER;
        }
    }

    /** Responses are signed by a key that is neither the issuer's nor a delegate's. */
    record WrongSigner(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED_SIGNER;
        }
    }

    /** The delegated responder certificate lacks id-kp-OCSPSigning. */
    record DelegateWithoutEku(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED_SIGNER;
        }
    }

    /** The delegated responder certificate has expired. */
    record DelegateExpired(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.UNAUTHORIZED_SIGNER;
        }
    }

    /** The answer is another certificate's response (a CDN mix-up, as in 2019). */
    record OtherCertificate(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.WRONG_CERT_ID;
        }
    }

    /** Responses whose nextUpdate has already passed. */
    record NextUpdatePast(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.NOT_CURRENT;
        }
    }

    /** The origin answers with this HTTP status (404, 500, ...) instead of a response. */
    record HttpStatus(String ca, int status, Duration from, Duration until) implements Fault {
        public HttpStatus {
            Scenario.require(status >= 400 && status <= 599, "status must be an HTTP error, 400 to 599");
        }

        @Override
        public Outcome implies() {
            return Outcome.HTTP_ERROR;
        }
    }

    /** A one-byte body with status 200 (a 2019 CDN incident). */
    record OneByteBody(String ca, Duration from, Duration until) implements Fault {
        @Override
        public Outcome implies() {
            return Outcome.MALFORMED_RESPONSE;
        }
    }

    /**
     * Answers arrive only after {@code delay}, real time (not scaled: it is about the agent's
     * network timeout, which is real).
     */
    record Slow(String ca, Duration delay, Duration from, Duration until) implements Fault {
        public Slow {
            Scenario.require(Scenario.positive(delay), "delay is required and must be positive");
        }

        @Override
        public Outcome implies() {
            return Outcome.TIMEOUT;
        }
    }

    /**
     * One region cannot reach the CA's OCSP host: its name does not resolve ({@code mode: dns})
     * or its connections are refused ({@code mode: refuse}). The firewall story: the CA is fine.
     */
    record EgressBlocked(String ca, String region, EgressMode mode, Duration from, Duration until) implements Fault {
        public EgressBlocked {
            Scenario.require(region != null, "region is required");
            mode = mode == null ? EgressMode.DNS : mode;
        }

        @Override
        public Outcome implies() {
            return mode == EgressMode.DNS ? Outcome.DNS_FAILURE : Outcome.CONNECT_FAILURE;
        }
    }

    /**
     * The switches of the CT logs: they shape no OCSP answer, so they name no CA and imply no
     * outcome; they are scoped by {@link #log()}.
     */
    sealed interface CtFault extends Fault permits CtRateLimited, CtServerError, CtSlow {
        @Override
        default String ca() {
            return null;
        }

        @Override
        default Outcome implies() {
            return null;
        }
    }

    /** A CT log answers 429 with Retry-After (rounded up to whole seconds, real time) to its read endpoints. */
    record CtRateLimited(String log, Duration retryAfter, Duration from, Duration until) implements CtFault {
        public CtRateLimited {
            retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        }
    }

    /** A CT log answers 500 to its read endpoints. */
    record CtServerError(String log, Duration from, Duration until) implements CtFault {
    }

    /** A CT log answers only after {@code delay} (real time). */
    record CtSlow(String log, Duration delay, Duration from, Duration until) implements CtFault {
        public CtSlow {
            Scenario.require(Scenario.positive(delay), "delay is required and must be positive");
        }
    }

    /** How blocked egress shows itself to the agent. */
    enum EgressMode {
        DNS,
        REFUSE
    }
}
