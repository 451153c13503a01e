package dev.ocspwatch.lab.ct;

import dev.ocspwatch.common.ct.Checkpoint;
import dev.ocspwatch.common.ct.CtEntry;
import dev.ocspwatch.common.ct.CtExtensions;
import dev.ocspwatch.common.ct.LogId;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.MerkleTreeLeaf;
import dev.ocspwatch.common.ct.SignedTreeHead;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.common.ct.TimestampedEntry;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.lab.pki.Der;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A CT log as a monitor sees it: certificates and precertificates submitted by the lab's CAs get
 * a leaf index and a real SCT timestamp at submission (with the static-ct-api {@code leaf_index}
 * extension, so one log serves both APIs from the same entries), and become visible in the tree
 * {@code mergeDelay} later. Tree heads are signed (ECDSA P-256) per size and cached.
 */
public final class SimulatedCtLog {
    private final String name;
    private final KeyPair key;
    private final LogId logId;
    private final Clock clock;
    private final Duration mergeDelay;
    private final List<LogEntry> entries = new ArrayList<>();
    private final List<byte[]> leafHashes = new ArrayList<>();
    private final Map<String, byte[]> issuers = new ConcurrentHashMap<>();
    private volatile String origin;
    private SignedTreeHead head;

    /** One entry as the log keeps it: what both APIs serve. */
    public record LogEntry(long index, MerkleTreeLeaf leaf, TileLeaf tileLeaf, List<byte[]> chain, byte[] preCertificate) {
    }

    /** What a submitter gets back: the SCT's timestamp and the entry's index. */
    public record Submission(long index, long timestamp) {
    }

    public SimulatedCtLog(String name, KeyPair key, Clock clock, Duration mergeDelay) {
        this.name = name;
        this.key = key;
        this.logId = LogId.of(key.getPublic());
        this.clock = clock;
        this.mergeDelay = mergeDelay;
        this.origin = name;
    }

    /** The checkpoint origin line: the submission prefix without scheme and trailing slash. */
    public void origin(String value) {
        origin = value;
    }

    public String origin() {
        return origin;
    }

    public String name() {
        return name;
    }

    public LogId logId() {
        return logId;
    }

    public KeyPair key() {
        return key;
    }

    /**
     * Logs {@code certificate}, issued by {@code chain.get(0)}; a precertificate is logged as a
     * PreCert entry with the issuer key hash and its TBSCertificate without the poison extension.
     */
    public synchronized Submission submit(X509CertificateHolder certificate, List<X509CertificateHolder> chain, boolean precert) {
        long index = entries.size();
        long timestamp = clock.millis();
        byte[] der = Der.of(certificate);
        List<byte[]> chainDer = chain.stream().map(Der::of).toList();
        CtEntry entry = precert
                ? new CtEntry.PrecertEntry(sha256(Der.spki(chain.get(0))), PrecertificateTbs.withoutPoison(certificate))
                : new CtEntry.X509Entry(der);
        TimestampedEntry timestamped = new TimestampedEntry(timestamp, entry, CtExtensions.ofLeafIndex(index).encode());
        List<byte[]> fingerprints = new ArrayList<>();
        for (byte[] issuer : chainDer) {
            byte[] fingerprint = sha256(issuer);
            fingerprints.add(fingerprint);
            issuers.putIfAbsent(Hex.of(fingerprint), issuer);
        }
        MerkleTreeLeaf leaf = new MerkleTreeLeaf(timestamped);
        entries.add(new LogEntry(index, leaf, new TileLeaf(timestamped, precert ? der : null, fingerprints), chainDer,
                precert ? der : null));
        leafHashes.add(leaf.leafHash());
        return new Submission(index, timestamp);
    }

    /** How many entries are sequenced into the public tree now (submitted at least mergeDelay ago). */
    public synchronized long size() {
        long horizon = clock.millis() - mergeDelay.toMillis();
        long size = entries.size();
        while (size > 0 && entries.get((int) size - 1).leaf().entry().timestamp() > horizon) {
            size--;
        }
        return size;
    }

    /** The signed tree head for the current size (signed once per size). */
    public synchronized SignedTreeHead treeHead() {
        long size = size();
        if (head == null || head.treeSize() != size) {
            byte[] root = MerkleTree.rootHash(leafHashes.subList(0, (int) size));
            try {
                head = SignedTreeHead.sign(size, clock.millis(), root, key.getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a tree head: " + e.getMessage(), e);
            }
        }
        return head;
    }

    public Checkpoint checkpoint() {
        return Checkpoint.fromSignedTreeHead(origin, logId, treeHead());
    }

    /** Entries [start, end) of the public tree. */
    public synchronized List<LogEntry> entries(long start, long end) {
        long size = size();
        if (start < 0 || start >= size) {
            return List.of();
        }
        return List.copyOf(entries.subList((int) start, (int) Math.min(end, size)));
    }

    /** Leaf hashes of the public tree, for hash tiles. */
    public synchronized List<byte[]> leafHashes() {
        return List.copyOf(leafHashes.subList(0, (int) size()));
    }

    /** An issuer certificate by the lower-case hex SHA-256 of its DER, as {@code issuer/<fingerprint>} serves it. */
    public byte[] issuer(String fingerprintHex) {
        return issuers.get(fingerprintHex);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
