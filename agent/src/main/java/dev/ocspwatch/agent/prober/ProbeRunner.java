package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.probe.ProbeResult;
import io.vertx.core.Future;

/** Makes one judged OCSP fetch ({@link dev.ocspwatch.agent.probe.OcspProbe} in the agent, a fake in unit tests); never fails. */
@FunctionalInterface
interface ProbeRunner {
    Future<ProbeResult> probe(String responderUrl, ProbeMethod method, ResponseExpectation expected);
}
