package dev.ocspwatch.agent.check;

import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.lab.pki.OcspAnswer;
import java.time.Duration;

/** A responder that says good to any serial: the BR 4.9.10 mistake the unissued-serial probe exists to catch. */
final class AlwaysGood {
    private AlwaysGood() {
    }

    static byte[] answer(TestPki pki, FakeResponder.Received received) {
        byte[] der = received.method().equals("POST") ? received.body() : OcspGetUrl.parse(received.path().substring(1));
        OcspRequest request = OcspRequest.parse(der);
        return pki.issuing.signer().sign(request.certId(), OcspAnswer.good(TestPki.NOW.minus(Duration.ofHours(1)), Duration.ofDays(4)));
    }
}
