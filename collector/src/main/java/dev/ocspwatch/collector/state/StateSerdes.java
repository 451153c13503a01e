package dev.ocspwatch.collector.state;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary serdes for the collector's per-certificate stores. They are written for every
 * observation (the changelog carries every write), so they avoid JSON; each value starts with a
 * format byte so a later layout can still read this one.
 */
public final class StateSerdes {
    private static final int FORMAT = 1;

    private StateSerdes() {
    }

    public static Serde<ProbeSummary> probeSummary() {
        return Serdes.serdeFrom((topic, p) -> p == null ? null : write(new BinaryOut(160).u8(FORMAT), p).toByteArray(),
                (topic, bytes) -> bytes == null ? null : read(opened(bytes, "probe summary"), bytes));
    }

    public static Serde<CertificateState> certificateState() {
        return Serdes.serdeFrom((topic, s) -> s == null ? null : write(s), (topic, bytes) -> bytes == null ? null
                : readState(opened(bytes, "certificate state"), bytes));
    }

    private static BinaryIn opened(byte[] bytes, String what) {
        BinaryIn in = new BinaryIn(bytes);
        int format = in.u8();
        if (format != FORMAT) {
            throw new SerializationException("unknown " + what + " format " + format);
        }
        return in;
    }

    private static BinaryOut write(BinaryOut out, ProbeSummary p) {
        return out.string(p.observationId()).string(p.region()).string(p.agentId()).name(p.kind()).string(p.method()).string(p.url())
                .instant(p.sentAt()).name(p.outcome()).i32(p.httpStatus() == null ? -1 : p.httpStatus()).string(p.reason()).bool(p.late());
    }

    private static ProbeSummary read(BinaryIn in, byte[] bytes) {
        try {
            String id = in.string();
            String region = in.string();
            String agent = in.string();
            ProbeKind kind = in.name(ProbeKind.class);
            String method = in.string();
            String url = in.string();
            java.time.Instant sentAt = in.instant();
            Outcome outcome = in.name(Outcome.class);
            int status = in.i32();
            return new ProbeSummary(id, region, agent, kind, method, url, sentAt, outcome, status == -1 ? null : status, in.string(),
                    in.bool());
        } catch (IllegalArgumentException e) {
            throw new SerializationException("cannot read a probe summary of " + bytes.length + " bytes: " + e.getMessage(), e);
        }
    }

    private static byte[] write(CertificateState s) {
        BinaryOut out = new BinaryOut(384).u8(FORMAT).string(s.certificateId()).i64(s.certificateTimestamp()).instant(s.publishedAt());
        out.i32(s.ocspUrls().size());
        s.ocspUrls().forEach(out::string);
        out.i32(s.probeCount()).i32(s.earliestAuthoritative().size());
        s.earliestAuthoritative().forEach(p -> out.string(p.region()).instant(p.sentAt()).string(p.observationId()));
        return out.name(s.stage()).instant(s.dueAt()).name(s.verdict()).i32(s.revision()).string(s.fingerprint()).i32(s.dropped())
                .toByteArray();
    }

    private static CertificateState readState(BinaryIn in, byte[] bytes) {
        try {
            String id = in.string();
            long certificate = in.i64();
            java.time.Instant published = in.instant();
            List<String> urls = new ArrayList<>();
            for (int n = in.i32(); n > 0; n--) {
                urls.add(in.string());
            }
            int probes = in.i32();
            List<EarliestProbe> earliest = new ArrayList<>();
            for (int n = in.i32(); n > 0; n--) {
                earliest.add(new EarliestProbe(in.string(), in.instant(), in.string()));
            }
            return new CertificateState(id, certificate, published, urls, probes, earliest, in.name(DecisionStage.class), in.instant(),
                    in.name(Verdict.class), in.i32(), in.string(), in.i32());
        } catch (IllegalArgumentException e) {
            throw new SerializationException("cannot read a certificate state of " + bytes.length + " bytes: " + e.getMessage(), e);
        }
    }
}
