package dev.ocspwatch.lab.pki;

import java.time.Instant;

/**
 * A delegated OCSP responder certificate, including the broken kinds real CAs have fielded.
 *
 * @param ocspSigningEku id-kp-OCSPSigning present (without it, clients must refuse the responder)
 * @param noCheck id-pkix-ocsp-nocheck present (BR 7.1.2.8.6)
 */
public record ResponderProfile(String commonName, KeyKind keyKind, Instant notBefore, Instant notAfter,
                               boolean ocspSigningEku, boolean noCheck) {

    public static ResponderProfile proper(String commonName, KeyKind keyKind, Instant notBefore, Instant notAfter) {
        return new ResponderProfile(commonName, keyKind, notBefore, notAfter, true, true);
    }
}
