package dev.ocspwatch.common.x509;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * JCA providers chosen per algorithm for speed. On Java 17, SunEC's ECDSA P-256 verify runs
 * about 1,500 per second per core against about 17,000 for Bouncy Castle's (measured with
 * {@code ocspwatch bench check}); RSA stays on the JDK's SunRsaSign, which is the faster there.
 * The provider is used by instance, never installed globally.
 */
final class Providers {
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Providers() {
    }
}
