package dev.ocspwatch.lab.world;

import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.truth.GroundTruth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CAs' clocks: each CA issues every {@code issueEvery} and revokes every {@code revokeEvery}
 * (story time, scaled) until {@code issueFor} has passed. The CAs start staggered so they do not
 * issue in lockstep. Signing and key generation run on a worker thread, never the event loop.
 */
final class Issuance {
    private final Vertx vertx;
    private final Scenario scenario;
    private final WorldTime time;
    private final Map<String, LabCa> cas;
    private final List<SimulatedCtLog> logs;
    private final GroundTruth truth;
    private final List<Long> timers = new ArrayList<>();
    private volatile int port;
    private volatile boolean stopped;

    Issuance(Vertx vertx, Scenario scenario, WorldTime time, Map<String, LabCa> cas, List<SimulatedCtLog> logs,
             GroundTruth truth) {
        this.vertx = vertx;
        this.scenario = scenario;
        this.time = time;
        this.cas = cas;
        this.logs = logs;
        this.truth = truth;
    }

    void port(int cdnPort) {
        this.port = cdnPort;
    }

    synchronized void start() {
        int i = 0;
        for (LabCa ca : cas.values()) {
            Duration every = time.real(ca.spec().issueEvery());
            long offset = Math.max(1, every.toMillis() * i / cas.size());
            timers.add(vertx.setPeriodic(offset, Math.max(1, every.toMillis()), id -> {
                if (expired()) {
                    vertx.cancelTimer(id);
                } else {
                    issueNow(ca, ca.willFinish());
                }
            }));
            if (ca.spec().revokeEvery() != null) {
                long revokeEvery = Math.max(1, time.real(ca.spec().revokeEvery()).toMillis());
                timers.add(vertx.setPeriodic(revokeEvery, revokeEvery, id -> {
                    if (expired()) {
                        vertx.cancelTimer(id);
                    } else {
                        vertx.executeBlocking(ca::revokeOne, true);
                    }
                }));
            }
            i++;
        }
    }

    Future<LabCa.Issued> issueNow(LabCa ca, boolean finish) {
        return vertx.executeBlocking(() -> ca.issue(logs, port, truth), true).onSuccess(issued -> {
            if (!finish) {
                truth.precertOnly(ca.spec().name(), issued.serial());
                return;
            }
            vertx.setTimer(Math.max(1, time.real(ca.spec().finalAfter()).toMillis()), id -> {
                if (!stopped) {
                    vertx.executeBlocking(() -> ca.finish(issued, logs, port, truth), true);
                }
            });
        });
    }

    private boolean expired() {
        return stopped || !time.now().isBefore(time.at(scenario.issueFor()));
    }

    synchronized void stop() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
