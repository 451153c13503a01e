package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedTreeHeadTest {
    private static final PublicKey PILOT = CtVectors.publicKey("ct/rfc6962/pilot-pubkey.pem");
    private static final PublicKey ARGON = CtVectors.publicKey("ct/rfc6962/argon2024-pubkey.pem");

    @Test
    void readsPilotsTreeHead() throws Exception {
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.PILOT_STH));
        assertEquals(3721782L, sth.treeSize());
        assertEquals(1396609800587L, sth.timestamp());
        assertEquals("4b128ec64b20baf1cfc9468a60a5e8647cd797dd50db9efe250d0050c9457dea", CtVectors.hex(sth.rootHash()));
        assertEquals(70, sth.signature().signature().length);
    }

    @Test
    void readsArgon2024sTreeHead() throws Exception {
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.ARGON_STH));
        assertEquals(1267285836L, sth.treeSize());
        assertEquals(1711642477482L, sth.timestamp());
        assertEquals("487c92698a1a188579a02300353cad45f5237f35dbef0bcef714221a40c995f4", CtVectors.hex(sth.rootHash()));
        assertEquals(71, sth.signature().signature().length);
    }

    @Test
    void bothRealTreeHeadsVerifyWithTheirLogsKeysOnly() throws Exception {
        SignedTreeHead pilot = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.PILOT_STH));
        SignedTreeHead argon = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.ARGON_STH));
        assertTrue(pilot.verify(PILOT));
        assertTrue(argon.verify(ARGON));
        assertFalse(pilot.verify(ARGON));
        assertFalse(argon.verify(PILOT));
    }

    @Test
    void aFlippedBitAnywhereFailsVerification() throws Exception {
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.ARGON_STH));
        assertFalse(new SignedTreeHead(sth.treeSize() ^ 1, sth.timestamp(), sth.rootHash(), sth.signature()).verify(ARGON));
        assertFalse(new SignedTreeHead(sth.treeSize(), sth.timestamp() ^ 1, sth.rootHash(), sth.signature()).verify(ARGON));
        assertFalse(new SignedTreeHead(sth.treeSize(), sth.timestamp(), CtVectors.flipBit(sth.rootHash(), 31), sth.signature())
                .verify(ARGON));
        DigitallySigned s = sth.signature();
        assertFalse(new SignedTreeHead(sth.treeSize(), sth.timestamp(), sth.rootHash(),
                new DigitallySigned(s.hashAlgorithm(), s.signatureAlgorithm(), CtVectors.flipBit(s.signature(), 40)))
                .verify(ARGON));
    }

    @Test
    void writesTheCompactGetSthBodyArgonServed() throws Exception {
        String served = CtVectors.text(CtVectors.ARGON_STH);
        assertEquals(served.strip(), SignedTreeHead.fromGetSthJson(served).toGetSthJson());
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        SignedTreeHead pilot = SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.PILOT_STH));
        assertEquals(pilot, SignedTreeHead.fromGetSthJson(pilot.toGetSthJson()));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        String json = CtVectors.text(CtVectors.PILOT_STH).replace("{", "{\"extra\": [1, 2], ");
        assertTrue(SignedTreeHead.fromGetSthJson(json).verify(PILOT));
    }

    @Test
    void signsATreeHeadThatVerifies() throws Exception {
        KeyPair ec = TestPki.ecKeyPair();
        SignedTreeHead sth = SignedTreeHead.sign(10, 1700000000000L, new byte[32], ec.getPrivate());
        assertTrue(SignedTreeHead.fromGetSthJson(sth.toGetSthJson()).verify(ec.getPublic()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        SignedTreeHead signed = SignedTreeHead.sign(0, 1, MerkleTree.rootHash(java.util.List.of()), key.getPrivate());
        assertEquals(DigitallySigned.RSA, signed.signature().signatureAlgorithm());
        assertTrue(signed.verify(key.getPublic()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|get-sth: empty body",
            "[]|get-sth: not a JSON object: []",
            "{\"timestamp\":1,\"sha256_root_hash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"tree_head_signature\":\"BAMAAA==\"}"
                    + "|get-sth: tree_size is missing",
            "{\"tree_size\":\"5\",\"timestamp\":1}|get-sth: tree_size is not a non-negative 64-bit integer: \"5\"",
            "{\"tree_size\":-5,\"timestamp\":1}|get-sth: tree_size is not a non-negative 64-bit integer: -5",
            "{\"tree_size\":5.0,\"timestamp\":1}|get-sth: tree_size is not a non-negative 64-bit integer: 5.0",
            "{\"tree_size\":18446744073709551615,\"timestamp\":1}|get-sth: tree_size is not a non-negative 64-bit integer: 18446744073709551615",
            "{\"tree_size\":5,\"timestamp\":1,\"sha256_root_hash\":\"AAAA\"}|get-sth: sha256_root_hash has 3 bytes, not 32",
            "{\"tree_size\":5,\"timestamp\":1,\"sha256_root_hash\":\"!!\"}|get-sth: sha256_root_hash is not base64: \"!!\"",
            "{\"tree_size\":5,\"timestamp\":1,\"sha256_root_hash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"tree_head_signature\":\"BAMA\"}"
                    + "|get-sth: tree_head_signature: signature length needs 2 bytes at offset 2, only 1 left",
            "{\"tree_size\":5,\"tree_size\":6}|get-sth: not JSON: Duplicate field 'tree_size'",
            "{\"tree_size\":5} {}|get-sth: not JSON: Trailing token"})
    void badBodiesAreFormatErrorsThatSayWhy(String json, String message) {
        CtFormatException e = assertThrows(CtFormatException.class, () -> SignedTreeHead.fromGetSthJson(json == null ? "" : json));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
