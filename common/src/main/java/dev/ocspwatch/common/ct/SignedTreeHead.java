package dev.ocspwatch.common.ct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.json.Json;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed tree head, the answer of RFC 6962 4.3 {@code GET <log>/ct/v1/get-sth}:
 * <pre>
 * {"tree_size": N, "timestamp": ms, "sha256_root_hash": base64(32 bytes),
 *  "tree_head_signature": base64(DigitallySigned over TreeHeadSignature)}
 * </pre>
 * The same facts a static-ct-api checkpoint carries ({@link Checkpoint#toSignedTreeHead}).
 */
public record SignedTreeHead(long treeSize, long timestamp, byte[] rootHash, DigitallySigned signature) {
    public SignedTreeHead {
        if (treeSize < 0 || timestamp < 0) {
            throw new IllegalArgumentException("tree size and timestamp must not be negative: " + treeSize + ", " + timestamp);
        }
        Bytes.requireLength(rootHash, 32, "root hash");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs a tree head the way a log does (the lab's log uses this). */
    public static SignedTreeHead sign(long treeSize, long timestamp, byte[] rootHash, PrivateKey key)
            throws GeneralSecurityException {
        byte[] signed = new TreeHeadSignature(timestamp, treeSize, rootHash).encode();
        return new SignedTreeHead(treeSize, timestamp, rootHash, DigitallySigned.sign(key, signed));
    }

    /** Parses a get-sth body. Other fields are ignored; the four RFC 6962 fields are required. */
    public static SignedTreeHead fromGetSthJson(String json) throws CtFormatException {
        String context = "get-sth: ";
        JsonNode root = JsonFields.object(json, context);
        long treeSize = JsonFields.nonNegativeLong(root, "tree_size", context);
        long timestamp = JsonFields.nonNegativeLong(root, "timestamp", context);
        byte[] rootHash = JsonFields.base64(root, "sha256_root_hash", context);
        if (rootHash.length != 32) {
            throw new CtFormatException(context + "sha256_root_hash has " + rootHash.length + " bytes, not 32");
        }
        DigitallySigned signature;
        try {
            signature = DigitallySigned.parse(JsonFields.base64(root, "tree_head_signature", context));
        } catch (CtFormatException e) {
            throw e.getMessage().startsWith(context) ? e : e.within(context + "tree_head_signature: ");
        }
        return new SignedTreeHead(treeSize, timestamp, rootHash, signature);
    }

    /** The get-sth body, compact, fields in RFC 6962 order. */
    public String toGetSthJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("tree_size", treeSize);
        node.put("timestamp", timestamp);
        node.put("sha256_root_hash", Base64.getEncoder().encodeToString(rootHash));
        node.put("tree_head_signature", Base64.getEncoder().encodeToString(signature.encode()));
        return node.toString();
    }

    public TreeHeadSignature treeHeadSignature() {
        return new TreeHeadSignature(timestamp, treeSize, rootHash);
    }

    /** True if the log's key signed exactly this size, timestamp and root. */
    public boolean verify(PublicKey logKey) {
        return signature.verify(logKey, treeHeadSignature().encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTreeHead other && treeSize == other.treeSize && timestamp == other.timestamp
                && Arrays.equals(rootHash, other.rootHash) && signature.equals(other.signature);
    }

    @Override
    public int hashCode() {
        return (Objects.hash(treeSize, timestamp) * 31 + Arrays.hashCode(rootHash)) * 31 + signature.hashCode();
    }

    @Override
    public String toString() {
        return "SignedTreeHead[treeSize=" + treeSize + ", timestamp=" + timestamp + ", rootHash=" + Hex.of(rootHash)
                + ", signature=" + signature + "]";
    }
}
