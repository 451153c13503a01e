package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The real CT data under {@code vectors/ct/} and the facts its README states, for this
 * package's tests. Keys are read with the JDK alone, independently of {@link LogKey}.
 */
final class CtVectors {
    static final HexFormat HEX = HexFormat.of();

    static final String PRECERT_AND_X509 = "ct/rfc6962/get-entries-precert-and-x509.json";
    static final String FOUR_X509 = "ct/rfc6962/get-entries-four-x509-2013.json";
    static final String PILOT_STH = "ct/rfc6962/pilot-get-sth.json";
    static final String ARGON_STH = "ct/rfc6962/argon2024-get-sth.json";
    static final String ROME_CHECKPOINT = "ct/static-ct/rome2024h1-checkpoint";
    static final String DATA_TILE = "ct/static-ct/navigli2025h2/tile/data/000";
    static final String LEVEL0_TILE = "ct/static-ct/navigli2025h2/tile/0/000";
    static final String PARTIAL_DATA_TILE = "ct/static-ct/navigli2025h2/tile/data/003.p/10";
    static final String PARTIAL_LEVEL0_TILE = "ct/static-ct/navigli2025h2/tile/0/003.p/10";

    /** README: leaf hashes of get-entries-precert-and-x509.json, [0] precert, [1] x509. */
    static final String PRECERT_LEAF_HASH = "fbdc3e2ec787ef25d3d615509ff36c44930577601973b612cd791340920a3654";
    static final String X509_LEAF_HASH = "965cd2f5dd443104cea4ac63605574d205520006a11042ee7871a45dcfbcbd03";
    static final String PRECERT_ISSUER_KEY_HASH = "3760e2790f33a498f9b6c149fecfca3993954b536fbf36ad45d0a8415b79337d";
    static final String PRECERT_ID = PRECERT_ISSUER_KEY_HASH + ":532298c396a3e25fcaa1977e827b5f3";
    static final String X509_ID = "ced03025ed4fc62fdaf39b6b55f4081356993e63241da3e3356d0c0dd250814a:6a5d4161f5c9b68043270b0c";
    static final long PRECERT_TIMESTAMP = 1422867427528L;
    static final long X509_TIMESTAMP = 1415843953342L;

    /** README: the 4 leaf hashes of get-entries-four-x509-2013.json and their tree hash. */
    static final List<String> FOUR_LEAF_HASHES = List.of(
            "c036e5ae4065859ed4aa298e6914b5f0c8eabcdcadfc5736b5ccba9d638d63ce",
            "fcd783d915495279f3ade05e28ce1f0825a4f8a6731b672d1dd9bd2cb9e0c096",
            "87a5a8eb3bcef9ddbddea6ddff96dfc0c69ef5e8788c06542ebea2d9f2c0a29e",
            "6504ccf20e26a9ff3431becb1d31097cc58adc39490beced33758d3e7601f587");
    static final String FOUR_ROOT_BASE64 = "A26tmgcaUJpkFXFpkzCS8bJ29cQBEgExKAYFL8hiJ5E=";

    /** README: navigli2025h2 tiles. */
    static final String TILE_ROOT = "6c80217987879103977872b0d0f2a3b6d989da11ad194fd50f15396f44806fe7";
    static final String PARTIAL_TILE_ROOT = "1f257ef72759d7a497bde2b021efdc65fb5415c525cc5c3962b79df0c6777025";
    static final String TILE_ENTRY0_ISSUER_KEY_HASH = "b3e49ac8cb4ac4f9253ad6dc0e7f20d8d3caabd81762d8280eec223c82f6c929";
    static final String TILE_ENTRY0_ID = TILE_ENTRY0_ISSUER_KEY_HASH + ":2cd9f1fa9d6bdf32183a294d63683152aa60";

    private CtVectors() {
    }

    static byte[] bytes(String relative) {
        return Vectors.bytes(relative);
    }

    static String text(String relative) {
        return new String(Vectors.bytes(relative), StandardCharsets.UTF_8);
    }

    /** A PEM public key, decoded with the JDK only. */
    static PublicKey publicKey(String relative) {
        String pem = text(relative).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return java.security.KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64-decoded {@code field} ("leaf_input" or "extra_data") of each get-entries element, read without production code. */
    static List<byte[]> entryField(String relative, String field) {
        try {
            List<byte[]> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode entry
                    : new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes(relative)).get("entries")) {
                out.add(Base64.getDecoder().decode(entry.get(field).asText()));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The 32-byte hashes of a hash tile file. */
    static List<byte[]> hashes(String relative) {
        byte[] tile = bytes(relative);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < tile.length; i += 32) {
            out.add(Arrays.copyOfRange(tile, i, i + 32));
        }
        return out;
    }

    static byte[] flipBit(byte[] bytes, int index) {
        byte[] out = bytes.clone();
        out[index] ^= 0x01;
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
