package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A static-ct-api checkpoint: a signed note (c2sp.org/signed-note) whose text is a
 * c2sp.org/tlog-checkpoint body, signed by the log with an RFC6962NoteSignature:
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal, no leading zeroes&gt;\n
 * &lt;base64 root hash&gt;\n
 * \n
 * — &lt;origin&gt; base64(key ID || uint64 timestamp || DigitallySigned)\n
 * </pre>
 * key ID = SHA-256(origin || 0x0A || 0x05 || LogID)[:4]. static-ct-api forbids extension lines,
 * so a body of other than three lines is an error; signature lines from other keys (witnesses,
 * rotated keys) are kept and ignored. The origin is not covered by the RFC 6962 signature: a
 * client compares it with the origin it expects.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<NoteSignature> signatures) {
    /** signed-note: verifiers must accept at least 16 signatures; this bounds the work per note. */
    public static final int MAX_SIGNATURES = 100;
    public static final int MAX_LENGTH = 1 << 20;
    static final int RFC6962_SIGNATURE_TYPE = 0x05;
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("origin must be non-empty, one line, no control characters");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Bytes.requireLength(rootHash, 32, "root hash");
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a checkpoint carries 1 to " + MAX_SIGNATURES + " signatures, not "
                    + signatures.size());
        }
    }

    /** Parses the checkpoint as served: UTF-8 bytes. */
    public static Checkpoint parse(byte[] utf8) throws CtFormatException {
        if (utf8.length > MAX_LENGTH) {
            throw new CtFormatException("checkpoint is " + utf8.length + " bytes, more than " + MAX_LENGTH);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            return parse(chars.toString());
        } catch (CharacterCodingException e) {
            throw new CtFormatException("checkpoint is not valid UTF-8: " + e.getMessage());
        }
    }

    public static Checkpoint parse(String text) throws CtFormatException {
        if (text.length() > MAX_LENGTH) {
            throw new CtFormatException("checkpoint is " + text.length() + " characters, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new CtFormatException("checkpoint has control character 0x" + Integer.toHexString(c)
                        + " at offset " + i + " (only newline is allowed)");
            }
        }
        if (!text.endsWith("\n")) {
            throw new CtFormatException("checkpoint does not end with a newline: " + quote(text));
        }
        int blank = text.lastIndexOf("\n\n");
        if (blank < 0) {
            throw new CtFormatException("checkpoint has no blank line before its signatures: " + quote(text));
        }
        String[] body = text.substring(0, blank).split("\n", -1);
        for (int i = 0; i < body.length; i++) {
            if (body[i].isEmpty()) {
                throw new CtFormatException("checkpoint body line " + (i + 1)
                        + " is empty (exactly one blank line separates the body from the signatures)");
            }
        }
        if (body.length < 3) {
            throw new CtFormatException("checkpoint body has " + body.length
                    + " lines; origin, tree size and root hash are required: " + quote(text));
        }
        if (body.length > 3) {
            throw new CtFormatException("checkpoint body has " + (body.length - 3)
                    + " extension lines, which static-ct-api forbids: " + quote(body[3]));
        }
        String origin = body[0];
        if (!SIZE.matcher(body[1]).matches()) {
            throw new CtFormatException("checkpoint tree size is not a decimal without leading zeroes: " + quote(body[1]));
        }
        long size;
        try {
            size = Long.parseLong(body[1]);
        } catch (NumberFormatException e) {
            throw new CtFormatException("checkpoint tree size is too large: " + quote(body[1]));
        }
        byte[] rootHash = canonicalBase64(body[2], "root hash");
        if (rootHash.length != 32) {
            throw new CtFormatException("checkpoint root hash has " + rootHash.length + " bytes, not 32: " + quote(body[2]));
        }
        if (blank + 2 >= text.length()) {
            throw new CtFormatException("checkpoint has no signature lines after the blank line");
        }
        String[] lines = text.substring(blank + 2, text.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new CtFormatException("checkpoint has " + lines.length + " signature lines, more than " + MAX_SIGNATURES);
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            try {
                signatures.add(NoteSignature.parse(lines[i]));
            } catch (CtFormatException e) {
                throw e.within("checkpoint signature line " + (i + 1) + ": ");
            }
        }
        return new Checkpoint(origin, size, rootHash, signatures);
    }

    /** The signed note text: the three body lines, each with its newline. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** The whole note as a log serves it at {@code <monitoring prefix>/checkpoint}. */
    public String format() {
        StringBuilder out = new StringBuilder(body()).append('\n');
        for (NoteSignature signature : signatures) {
            out.append(signature.line()).append('\n');
        }
        return out.toString();
    }

    /** SHA-256(key name || 0x0A || 0x05 || LogID)[:4], big-endian. */
    public static int keyId(String origin, LogId logId) {
        MessageDigest sha256 = Bytes.sha256();
        sha256.update(origin.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0x0A);
        sha256.update((byte) RFC6962_SIGNATURE_TYPE);
        return ByteBuffer.wrap(sha256.digest(logId.bytes())).getInt();
    }

    /**
     * Verifies the log's RFC6962NoteSignature (the line named by the origin with the key ID of
     * {@code logKey}) over this size and root, and returns its timestamp (ms).
     */
    public long verify(PublicKey logKey) throws CtSignatureException {
        return verify(logKey, LogId.of(logKey));
    }

    /** As {@link #verify(PublicKey)}, with the log ID computed over the key's DER as the log list gives it. */
    public long verify(LogKey logKey) throws CtSignatureException {
        return verify(logKey.publicKey(), logKey.logId());
    }

    private long verify(PublicKey logKey, LogId logId) throws CtSignatureException {
        int keyId = keyId(origin, logId);
        List<NoteSignature> mine = signatures.stream()
                .filter(s -> s.keyName().equals(origin) && s.keyId() == keyId).toList();
        if (mine.isEmpty()) {
            throw new CtSignatureException("checkpoint " + origin + " has no signature line by " + origin
                    + " with key ID " + Hex.of(ByteBuffer.allocate(4).putInt(keyId).array())
                    + " (found " + signatures.stream().map(s -> s.keyName() + " " + s.keyIdHex()).toList() + ")");
        }
        long timestamp = -1;
        for (NoteSignature line : mine) {
            Rfc6962NoteSignature note;
            try {
                note = Rfc6962NoteSignature.parse(line.signature());
            } catch (CtFormatException e) {
                throw new CtSignatureException("checkpoint " + origin + " signature " + line.keyIdHex()
                        + " is not an RFC6962NoteSignature: " + e.getMessage());
            }
            byte[] signed = new TreeHeadSignature(note.timestamp(), size, rootHash).encode();
            if (!note.signature().verify(logKey, signed)) {
                throw new CtSignatureException("checkpoint " + origin + " signature " + line.keyIdHex()
                        + " (" + note.signature().describe() + ") does not verify for size " + size
                        + ", timestamp " + note.timestamp() + ", root " + Hex.of(rootHash));
            }
            timestamp = note.timestamp();
        }
        return timestamp;
    }

    /**
     * The RFC 6962 tree head this checkpoint carries: the log's signature is found by origin and
     * the key ID of {@code logId} (the key ID cannot be known without it).
     */
    public SignedTreeHead toSignedTreeHead(LogId logId) throws CtFormatException {
        int keyId = keyId(origin, logId);
        for (NoteSignature line : signatures) {
            if (line.keyName().equals(origin) && line.keyId() == keyId) {
                Rfc6962NoteSignature note = Rfc6962NoteSignature.parse(line.signature());
                return new SignedTreeHead(size, note.timestamp(), rootHash, note.signature());
            }
        }
        throw new CtFormatException("checkpoint " + origin + " has no signature line by log " + logId);
    }

    /** The checkpoint a static-ct-api log serves for a tree head; no private key needed. */
    public static Checkpoint fromSignedTreeHead(String origin, LogId logId, SignedTreeHead sth) {
        byte[] body = new Rfc6962NoteSignature(sth.timestamp(), sth.signature()).encode();
        return new Checkpoint(origin, sth.treeSize(), sth.rootHash(),
                List.of(new NoteSignature(origin, keyId(origin, logId), body)));
    }

    private static byte[] canonicalBase64(String text, String what) throws CtFormatException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("checkpoint " + what + " is not base64: " + quote(text));
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new CtFormatException("checkpoint " + what + " is not canonical padded base64: " + quote(text));
        }
        return bytes;
    }

    private static String quote(String s) {
        return "\"" + JsonFields.abbreviate(s.replace("\n", "\\n")) + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other && origin.equals(other.origin) && size == other.size
                && Arrays.equals(rootHash, other.rootHash) && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return (Objects.hash(origin, size, signatures)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + size + ", root " + Hex.of(rootHash) + ", " + signatures + "]";
    }
}
