package dev.ocspwatch.lab.world;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.Pem;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.Futures;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.testing.OpenSslCli;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSL's OCSP client, which none of us wrote, against the lab over the wire: it must accept
 * the lab's good answers (a CA signing itself, and one signing through a delegated responder)
 * and reject the misbehaving signers. OpenSSL checks times against the wall clock, so this world
 * runs on it, signs at once and copies without lag.
 */
class OpenSslClientAgainstTheLabTest {
    private static Vertx vertx;
    private static World world;

    @TempDir
    Path directory;

    @BeforeAll
    static void startWorld() {
        OpenSslCli.assumeAvailable();
        Scenario scenario = LabScenarios.scenario("openssl", 3, Duration.ofMinutes(15), Duration.ofHours(1),
                List.of(LabScenarios.region("here", "site")), List.of(LabScenarios.site("site", 2, Duration.ZERO)),
                List.of(LabScenarios.ca("direct-ca").signerDelay(Duration.ZERO).finalAfter(Duration.ofMillis(20)).build(),
                        LabScenarios.ca("delegated-ca").key(KeyKind.RSA_2048).delegated(true).signerDelay(Duration.ZERO)
                                .finalAfter(Duration.ofMillis(20)).build()),
                List.of());
        vertx = Vertx.vertx();
        world = Futures.await(World.start(vertx, scenario, Clock.systemUTC()), 60);
    }

    @AfterAll
    static void stopWorld() {
        if (world != null) {
            world.close();
        }
        if (vertx != null) {
            Futures.await(vertx.close());
        }
    }

    @AfterEach
    void clearEverySwitch() {
        for (Class<?> kind : Fault.class.getPermittedSubclasses()) {
            world.faults().clear(kind.asSubclass(Fault.class));
        }
    }

    @Test
    void acceptsTheGoodAnswerOfACaSigningItself() {
        OpenSslCli.Result result = ask("direct-ca");
        assertTrue(result.output().contains("Response verify OK"), result.describe());
        assertTrue(result.output().contains("leaf.pem: good"), result.describe());
    }

    @Test
    void acceptsTheGoodAnswerOfADelegatedResponder() {
        OpenSslCli.Result result = ask("delegated-ca");
        assertTrue(result.output().contains("Response verify OK"), result.describe());
        assertTrue(result.output().contains("leaf.pem: good"), result.describe());
    }

    @Test
    void rejectsAWrongSigner() {
        world.faults().set(new Fault.WrongSigner("direct-ca", null, null));
        OpenSslCli.Result result = ask("direct-ca");
        assertTrue(result.output().contains("Response Verify Failure"), result.describe());
        assertFalse(result.output().contains("Response verify OK"), result.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delegateWithoutEku", "delegateExpired"})
    void rejectsABrokenDelegate(String which) {
        world.faults().set(which.equals("delegateWithoutEku")
                ? new Fault.DelegateWithoutEku("delegated-ca", null, null)
                : new Fault.DelegateExpired("delegated-ca", null, null));
        OpenSslCli.Result result = ask("delegated-ca");
        assertTrue(result.output().contains("Response Verify Failure"), result.describe());
        assertFalse(result.output().contains("Response verify OK"), result.describe());
    }

    /** Issues a certificate at {@code caName} now and asks OpenSSL about it through the region's PoP. */
    private OpenSslCli.Result ask(String caName) {
        LabCa ca = world.cas().get(caName);
        LabCa.Issued issued = Futures.await(world.issueNow(caName, true));
        X509CertificateHolder leaf = finalCertificate(ca, issued);
        Pem.write(directory.resolve("leaf.pem"), leaf);
        Pem.write(directory.resolve("issuing.pem"), ca.ca().certificate());
        Pem.write(directory.resolve("root.pem"), ca.root().certificate());
        String pop = LabDns.popAddress(World.regionNumbers(world.scenario()).get("here")).getHostAddress();
        return OpenSslCli.run(directory, "ocsp", "-url", "http://" + pop + ":" + world.cdnPort() + "/",
                "-header", "Host=" + ca.spec().ocspHost(), "-issuer", "issuing.pem", "-cert", "leaf.pem",
                "-CAfile", "root.pem", "-no_nonce");
    }

    /** Waits (on the event loop, not by sleeping) for the CA to issue the final certificate. */
    private static X509CertificateHolder finalCertificate(LabCa ca, LabCa.Issued precertificate) {
        Promise<X509CertificateHolder> done = Promise.promise();
        vertx.setPeriodic(5, id -> ca.issued().stream()
                .filter(i -> i.serial().equals(precertificate.serial()) && i.certificate() != null).findFirst()
                .ifPresent(i -> {
                    vertx.cancelTimer(id);
                    done.tryComplete(i.certificate());
                }));
        return Futures.await(done.future(), 10);
    }
}
