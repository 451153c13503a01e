package dev.ocspwatch.lab.origin;

import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.ResponderProfile;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The wrong signers a misbehaving responder uses, made once per CA on first use (key
 * generation is slow): a key unrelated to the CA, a delegated responder without
 * id-kp-OCSPSigning, and one whose certificate has expired.
 */
final class FaultSigners {
    private final SimulatedCa ca;
    private final Instant worldStart;
    private final long seed;
    private OcspSigner rogue;
    private OcspSigner withoutEku;
    private OcspSigner expired;

    FaultSigners(SimulatedCa ca, Instant worldStart, long seed) {
        this.ca = ca;
        this.worldStart = worldStart;
        this.seed = seed;
    }

    synchronized OcspSigner rogue() {
        if (rogue == null) {
            rogue = SimulatedCa.root("rogue " + ca.name(), KeyKind.ECDSA_P256, worldStart.minus(Duration.ofDays(1)),
                    new Random(seed)).signer();
        }
        return rogue;
    }

    synchronized OcspSigner withoutEku() {
        if (withoutEku == null) {
            withoutEku = ca.delegatedResponder(new ResponderProfile(ca.name() + " OCSP (no EKU)", KeyKind.ECDSA_P256,
                    worldStart.minus(Duration.ofDays(1)), worldStart.plus(Duration.ofDays(90)), false, true));
        }
        return withoutEku;
    }

    synchronized OcspSigner expired() {
        if (expired == null) {
            expired = ca.delegatedResponder(ResponderProfile.proper(ca.name() + " OCSP (expired)", KeyKind.ECDSA_P256,
                    worldStart.minus(Duration.ofDays(60)), worldStart.minus(Duration.ofDays(1))));
        }
        return expired;
    }
}
