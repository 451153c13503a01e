package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.x509.DistinguishedNames;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * RFC 6960 4.2.1:
 * <pre>
 * ResponderID ::= CHOICE {
 *    byName   [1] Name,
 *    byKey    [2] KeyHash }
 * KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key (excluding the tag and length fields)
 * </pre>
 */
public sealed interface ResponderId {
    /** "byName" or "byKey": the JSON and report spelling. */
    String type();

    /** The DN (RFC 4514 order) or the key hash as lower-case hex. */
    String value();

    record ByName(X500Name name) implements ResponderId {
        @Override
        public String type() {
            return "byName";
        }

        @Override
        public String value() {
            return DistinguishedNames.display(name);
        }
    }

    record ByKey(byte[] keyHash) implements ResponderId {
        public ByKey {
            keyHash = keyHash.clone();
        }

        @Override
        public String type() {
            return "byKey";
        }

        @Override
        public String value() {
            return Hex.of(keyHash);
        }

        @Override
        public byte[] keyHash() {
            return keyHash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByKey other && Arrays.equals(keyHash, other.keyHash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keyHash);
        }

        @Override
        public String toString() {
            return "ByKey[" + value() + "]";
        }
    }
}
