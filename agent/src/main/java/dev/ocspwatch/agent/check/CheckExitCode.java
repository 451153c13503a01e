package dev.ocspwatch.agent.check;

import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.List;

/**
 * The documented exit codes of {@code ocspwatch check}. Only the standard probes count;
 * conformance probes and CRLs are reported but do not change the code.
 */
public final class CheckExitCode {
    /** Every responder answered authoritatively (or the certificate names no responder). */
    public static final int ALL_AUTHORITATIVE = 0;
    /** Some responder answered, but not authoritatively. */
    public static final int NON_AUTHORITATIVE = 1;
    /** Bad usage or input. */
    public static final int BAD_INPUT = 2;
    /** No responder answered non-authoritatively, but some could not be reached (transport or policy). */
    public static final int UNREACHABLE = 3;

    private CheckExitCode() {
    }

    public static int of(List<ProbeResult> probes) {
        boolean unreachable = false;
        for (ProbeResult probe : probes) {
            if (!"standard".equals(probe.kind())) {
                continue;
            }
            OutcomeGroup group = probe.outcome().group();
            if (group == OutcomeGroup.RESPONDER) {
                return NON_AUTHORITATIVE;
            }
            if (group == OutcomeGroup.TRANSPORT || group == OutcomeGroup.POLICY) {
                unreachable = true;
            }
        }
        return unreachable ? UNREACHABLE : ALL_AUTHORITATIVE;
    }
}
