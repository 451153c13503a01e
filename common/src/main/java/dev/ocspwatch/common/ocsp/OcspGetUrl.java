package dev.ocspwatch.common.ocsp;

import java.util.Base64;

/**
 * The GET form of an OCSP request, RFC 6960 appendix A.1 (and RFC 5019 5):
 * <pre>
 * GET {url}/{url-encoding of base-64 encoding of the DER encoding of the OCSPRequest}
 * </pre>
 * Only {@code +}, {@code /} and {@code =} can occur in standard base64 and need
 * percent-encoding. {@link #format} and {@link #parse} are inverses.
 */
public final class OcspGetUrl {
    private OcspGetUrl() {
    }

    public static String format(String responderUrl, byte[] requestDer) {
        String encoded = Base64.getEncoder().encodeToString(requestDer);
        StringBuilder url = new StringBuilder(responderUrl.length() + encoded.length() * 5 / 4 + 1);
        url.append(responderUrl);
        if (!responderUrl.endsWith("/")) {
            url.append('/');
        }
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            switch (c) {
                case '+' -> url.append("%2B");
                case '/' -> url.append("%2F");
                case '=' -> url.append("%3D");
                default -> url.append(c);
            }
        }
        return url.toString();
    }

    /**
     * The DER request from the path segment a GET carried (what follows the responder's base
     * path). Accepts percent-encoded and raw base64, as real clients send both; a responder
     * that splits on '/' must pass everything after its base path.
     */
    public static byte[] parse(String encodedRequest) {
        StringBuilder base64 = new StringBuilder(encodedRequest.length());
        for (int i = 0; i < encodedRequest.length(); i++) {
            char c = encodedRequest.charAt(i);
            if (c == '%') {
                if (i + 2 >= encodedRequest.length()) {
                    throw new IllegalArgumentException("truncated percent-escape in OCSP GET request: \""
                            + abbreviate(encodedRequest) + "\"");
                }
                int high = Character.digit(encodedRequest.charAt(i + 1), 16);
                int low = Character.digit(encodedRequest.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("bad percent-escape in OCSP GET request: \""
                            + abbreviate(encodedRequest) + "\"");
                }
                base64.append((char) (high * 16 + low));
                i += 2;
            } else {
                base64.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OCSP GET request is not base64: \"" + abbreviate(encodedRequest) + "\"", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
