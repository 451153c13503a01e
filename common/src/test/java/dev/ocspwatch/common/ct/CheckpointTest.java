package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
    private static final PublicKey ROME = CtVectors.publicKey("ct/static-ct/rome2024h1-pubkey.pem");
    private static final String ORIGIN = "rome.ct.filippo.io/2024h1";
    private static final String TEXT = CtVectors.text(CtVectors.ROME_CHECKPOINT);
    /** A witness cosignature line from another key: kept, ignored. */
    private static final String WITNESS = "\u2014 witness.example/w1 "
            + Base64.getEncoder().encodeToString(new byte[4 + 72]);

    @Test
    void readsRomesCheckpoint() throws Exception {
        Checkpoint checkpoint = Checkpoint.parse(TEXT);
        assertEquals(ORIGIN, checkpoint.origin());
        assertEquals(115474666L, checkpoint.size());
        assertEquals("2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=", Base64.getEncoder().encodeToString(checkpoint.rootHash()));
        assertEquals(1, checkpoint.signatures().size());
        assertEquals(ORIGIN, checkpoint.signatures().get(0).keyName());
        assertEquals("78f4abae", checkpoint.signatures().get(0).keyIdHex());
    }

    @Test
    void theKeyIdIsDerivedFromOriginAndLogId() {
        assertEquals(0x78f4abae, Checkpoint.keyId(ORIGIN, LogId.of(ROME)));
    }

    @Test
    void verifiesWithRomesKeyAndReturnsTheTimestamp() throws Exception {
        assertEquals(1711519390034L, Checkpoint.parse(TEXT).verify(ROME));
    }

    @Test
    void verifiesWithTheLogKeyAsALogListGivesIt() throws Exception {
        LogKey rome = LogKey.fromPem(CtVectors.text("ct/static-ct/rome2024h1-pubkey.pem"));
        assertEquals(1711519390034L, Checkpoint.parse(TEXT).verify(rome));
    }

    @Test
    void formatsByteIdentically() throws Exception {
        assertEquals(TEXT, Checkpoint.parse(TEXT).format());
        assertEquals(TEXT, Checkpoint.parse(TEXT.getBytes(StandardCharsets.UTF_8)).format());
    }

    @Test
    void aModifiedSizeOrRootFailsVerification() throws Exception {
        Checkpoint modifiedSize = Checkpoint.parse(TEXT.replace("\n115474666\n", "\n115474667\n"));
        CtSignatureException e = assertThrows(CtSignatureException.class, () -> modifiedSize.verify(ROME));
        assertTrue(e.getMessage().contains("does not verify for size 115474667"), e.getMessage());
        Checkpoint modifiedRoot = Checkpoint.parse(TEXT.replace("2q1K6aiI", "2q1K6aiJ"));
        assertThrows(CtSignatureException.class, () -> modifiedRoot.verify(ROME));
    }

    @Test
    void anotherLogsKeyFindsNoSignatureLine() throws Exception {
        CtSignatureException e = assertThrows(CtSignatureException.class,
                () -> Checkpoint.parse(TEXT).verify(CtVectors.publicKey("ct/rfc6962/pilot-pubkey.pem")));
        assertTrue(e.getMessage().startsWith("checkpoint " + ORIGIN + " has no signature line by " + ORIGIN + " with key ID "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(found [" + ORIGIN + " 78f4abae])"), e.getMessage());
    }

    @Test
    void aChangedOriginNoLongerMatchesTheKeyId() throws Exception {
        Checkpoint renamed = Checkpoint.parse(TEXT.replace(ORIGIN, "evil.example/log"));
        assertThrows(CtSignatureException.class, () -> renamed.verify(ROME));
    }

    @Test
    void signatureLinesOfOtherKeysAreKeptAndIgnored() throws Exception {
        String cosigned = TEXT + WITNESS + "\n";
        Checkpoint checkpoint = Checkpoint.parse(cosigned);
        assertEquals(2, checkpoint.signatures().size());
        assertEquals("witness.example/w1", checkpoint.signatures().get(1).keyName());
        assertEquals(1711519390034L, checkpoint.verify(ROME));
        assertEquals(cosigned, checkpoint.format());
    }

    @Test
    void aKnownKeyWithAGarbledBodyIsRejected() throws Exception {
        Checkpoint rome = Checkpoint.parse(TEXT);
        Checkpoint garbled = new Checkpoint(ORIGIN, rome.size(), rome.rootHash(),
                List.of(new NoteSignature(ORIGIN, 0x78f4abae, new byte[] {1, 2, 3})));
        CtSignatureException e = assertThrows(CtSignatureException.class, () -> garbled.verify(ROME));
        assertTrue(e.getMessage().contains("is not an RFC6962NoteSignature"), e.getMessage());
    }

    @Test
    void convertsToTheSignedTreeHeadAndBackWithoutTheKey() throws Exception {
        Checkpoint rome = Checkpoint.parse(TEXT);
        SignedTreeHead sth = rome.toSignedTreeHead(LogId.of(ROME));
        assertEquals(115474666L, sth.treeSize());
        assertEquals(1711519390034L, sth.timestamp());
        assertTrue(sth.verify(ROME));
        assertEquals(TEXT, Checkpoint.fromSignedTreeHead(ORIGIN, LogId.of(ROME), sth).format());
        assertThrows(CtFormatException.class,
                () -> rome.toSignedTreeHead(LogId.of(CtVectors.publicKey("ct/rfc6962/pilot-pubkey.pem"))));
    }

    @Test
    void aCheckpointSignedHereVerifies() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        SignedTreeHead sth = SignedTreeHead.sign(70000, 1746292523102L, new byte[32], key.getPrivate());
        String text = Checkpoint.fromSignedTreeHead("lab.example/log", LogId.of(key.getPublic()), sth).format();
        assertTrue(text.startsWith("lab.example/log\n70000\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 lab.example/log "), text);
        assertEquals(1746292523102L, Checkpoint.parse(text).verify(key.getPublic()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what to replace in the real checkpoint | with what | the message starts with
            "\\n\\n|\\n\\n\\n|checkpoint body line 4 is empty",
            "\\n\\n|\\n|checkpoint has no blank line before its signatures",
            "2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=\\n|2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=\\nextension\\n"
                    + "|checkpoint body has 1 extension lines, which static-ct-api forbids",
            "\\n115474666\\n|\\n0115474666\\n|checkpoint tree size is not a decimal without leading zeroes",
            "\\n115474666\\n|\\n-1\\n|checkpoint tree size is not a decimal without leading zeroes",
            "\\n115474666\\n|\\n9999999999999999999\\n|checkpoint tree size is too large",
            "2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==|checkpoint root hash has 31 bytes",
            "2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=|2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw|checkpoint root hash is not canonical",
            "2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCw=|2q1K6aiIJR+F7TyhiWOghoWOjY0/3dVBLsBbAvB4xCx=|checkpoint root hash is not canonical",
            "\\n115474666\\n|\\n115474666\\r\\n|checkpoint has control character 0xd at offset 35",
            "\u2014 rome|- rome|checkpoint signature line 1: signature line does not start with an em dash",
            "\u2014 rome|\u2014 ro+me|checkpoint signature line 1: signature line: key name contains"})
    void strictAboutTheSignedNoteFormat(String from, String to, String message) {
        String text = TEXT.replace(from.replace("\\n", "\n").replace("\\r", "\r"), to.replace("\\n", "\n").replace("\\r", "\r"));
        CtFormatException e = assertThrows(CtFormatException.class, () -> Checkpoint.parse(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void strictAboutTheEnds() {
        assertTrue(assertThrows(CtFormatException.class, () -> Checkpoint.parse(TEXT.strip())).getMessage()
                .startsWith("checkpoint does not end with a newline"));
        assertEquals("checkpoint has no signature lines after the blank line",
                assertThrows(CtFormatException.class, () -> Checkpoint.parse(TEXT.substring(0, TEXT.indexOf('\u2014'))))
                        .getMessage());
        assertTrue(assertThrows(CtFormatException.class, () -> Checkpoint.parse("origin\n5\n\n" + WITNESS + "\n"))
                .getMessage().startsWith("checkpoint body has 2 lines"));
        assertThrows(CtFormatException.class, () -> Checkpoint.parse(""));
    }

    @Test
    void refusesInvalidUtf8AndTooManySignatures() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        bytes[3] = (byte) 0xff;
        assertTrue(assertThrows(CtFormatException.class, () -> Checkpoint.parse(bytes)).getMessage()
                .startsWith("checkpoint is not valid UTF-8"));
        String many = TEXT + (WITNESS + "\n").repeat(Checkpoint.MAX_SIGNATURES);
        assertEquals("checkpoint has 101 signature lines, more than 100",
                assertThrows(CtFormatException.class, () -> Checkpoint.parse(many)).getMessage());
    }
}
