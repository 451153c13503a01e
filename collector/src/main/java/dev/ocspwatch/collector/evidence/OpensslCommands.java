package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.probe.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code openssl} and {@code curl} commands that repeat one probe, so anyone (the CA
 * included) can check a claim without ocspwatch. POST goes through {@code openssl ocsp}, with
 * the exact request bytes the agent sent when they were kept; GET (RFC 5019, what CDNs cache)
 * through {@code curl}, since {@code openssl ocsp} only POSTs, and is then decoded by
 * {@code openssl ocsp -respin}.
 *
 * <p>When the bundle holds the issuer's certificate, every command also checks the response's
 * signature against it ({@link #VERIFY_WITH_ISSUER}); otherwise {@code -noverify}, since without
 * the issuer there is nothing to check against.
 */
public final class OpensslCommands {
    /** Where a command without the recorded request finds the issuing CA's certificate. */
    public static final String ISSUER_FILE = "issuer.pem";
    /**
     * Checks a response against the issuer alone, whoever signed it. {@code -VAfile} covers a
     * response the issuer signed itself (most CAs; no certificate in the response): openssl
     * then only checks the signature with that key. A delegated responder's certificate comes
     * inside the response and needs a chain to a trust anchor; {@code -CAfile} makes the issuer
     * that anchor and {@code -partial_chain} lets a non-self-signed anchor end the chain, and
     * openssl then requires the responder certificate to carry id-kp-OCSPSigning and be issued
     * by the certificate's issuer. Checked with OpenSSL 3.0: both kinds verify, while a response
     * signed by another CA, by another CA's responder, or by a responder without the OCSP-signing
     * EKU prints "Response Verify Failure". Neither option alone does both.
     */
    static final List<String> VERIFY_WITH_ISSUER = List.of("-VAfile", ISSUER_FILE, "-CAfile", ISSUER_FILE, "-partial_chain");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,128}");

    private OpensslCommands() {
    }

    /**
     * Commands that send {@code probe}'s request again and decode the answer.
     *
     * @param requestFile the recorded DER request (e.g. {@code raw/eu-west/...-request.der}), or null
     * @param responseFile where to save the new answer
     */
    public static List<ShellCommand> reproduce(ProbeResult probe, String requestFile, String responseFile) {
        return reproduce(probe, requestFile, responseFile, false);
    }

    /**
     * As {@link #reproduce(ProbeResult, String, String)}; with {@code withIssuer}, {@link #ISSUER_FILE}
     * is in the folder and the new answer's signature is checked against it.
     */
    public static List<ShellCommand> reproduce(ProbeResult probe, String requestFile, String responseFile, boolean withIssuer) {
        String method = probe.method() == null ? "" : probe.method().toUpperCase(Locale.ROOT);
        if (method.equals("GET")) {
            String getUrl = getUrl(probe);
            if (getUrl != null) {
                return List.of(
                        ShellCommand.of("GET the URL the agent asked: the response headers print, the body is saved",
                                "curl", "-sS", "-D", "-", "-o", responseFile, getUrl),
                        decode(responseFile, withIssuer ? "decode that answer and check its signature against "
                                + ISSUER_FILE : "decode that answer", withIssuer, null));
            }
        }
        List<String> argv = new ArrayList<>(List.of("openssl", "ocsp"));
        String comment;
        if (requestFile != null) {
            argv.addAll(List.of("-reqin", requestFile));
            comment = "POST the request the agent sent";
        } else {
            // Without the recorded bytes, rebuild the request: same CertID hash, same serial, no nonce (RFC 5019).
            argv.addAll(List.of("-issuer", ISSUER_FILE));
            String digest = digestFlag(probe.certIdHash());
            if (digest != null) {
                argv.add(digest);
            }
            argv.addAll(List.of("-serial", serialArgument(probe.serial()), "-no_nonce"));
            comment = "POST a request rebuilt from the serial (" + ISSUER_FILE + ": the issuing CA's certificate"
                    + (withIssuer ? ", in this folder" : "")
                    + (probe.serial() == null ? "; no serial was recorded: replace SERIAL" : "") + ")";
        }
        if (method.equals("GET")) {
            comment += "; the GET URL was not recorded, so this asks by POST instead";
        }
        if (withIssuer) {
            comment += "; the signature is checked against " + ISSUER_FILE;
        }
        argv.addAll(List.of("-url", probe.url(), "-respout", responseFile, "-resp_text"));
        argv.addAll(withIssuer ? VERIFY_WITH_ISSUER : List.of("-noverify"));
        return List.of(new ShellCommand(comment, argv));
    }

    /** Decodes a saved DER response; {@code -noverify} because the point is what it says, not whether we trust it. */
    public static ShellCommand show(String responseFile) {
        return decode(responseFile, "decode the response as recorded", false, null);
    }

    /**
     * Decodes a recorded response and checks its signature against {@link #ISSUER_FILE} as of
     * {@code receivedAt} ({@code -attime}, whole seconds): a delegated responder's certificate
     * lives days, and one that has expired since must not make a true answer look forged.
     * Null {@code receivedAt} checks as of now.
     */
    public static ShellCommand verify(String responseFile, Instant receivedAt) {
        return decode(responseFile, "decode the response as recorded and check its signature against " + ISSUER_FILE,
                true, receivedAt);
    }

    private static ShellCommand decode(String responseFile, String comment, boolean withIssuer, Instant at) {
        List<String> argv = new ArrayList<>(List.of("openssl", "ocsp", "-respin", responseFile, "-resp_text"));
        if (!withIssuer) {
            argv.add("-noverify");
            return new ShellCommand(comment, argv);
        }
        argv.addAll(VERIFY_WITH_ISSUER);
        if (at != null) {
            argv.addAll(List.of("-attime", Long.toString(at.getEpochSecond())));
        }
        return new ShellCommand(comment, argv);
    }

    /** The URL the GET asked, or the one its recorded request makes; null if neither is known. */
    static String getUrl(ProbeResult probe) {
        if (probe.requestUrl() != null && !probe.requestUrl().isEmpty()) {
            return probe.requestUrl();
        }
        if (probe.requestBase64() == null) {
            return null;
        }
        try {
            return OcspGetUrl.format(probe.url(), Base64.getDecoder().decode(probe.requestBase64()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code 0x} plus the hex serial; anything else is passed on as it is, to fail visibly in openssl. */
    private static String serialArgument(String serial) {
        if (serial == null) {
            return "0xSERIAL";
        }
        String hex = serial.startsWith("0x") ? serial.substring(2) : serial;
        return HEX.matcher(hex).matches() ? "0x" + hex.toLowerCase(Locale.ROOT) : serial;
    }

    /** openssl's CertID digest option; SHA-1 is its default and RFC 5019's, so it needs none. */
    private static String digestFlag(String certIdHash) {
        if (certIdHash == null) {
            return null;
        }
        String name = certIdHash.toUpperCase(Locale.ROOT).replace("-", "");
        return switch (name) {
            case "SHA224" -> "-sha224";
            case "SHA256" -> "-sha256";
            case "SHA384" -> "-sha384";
            case "SHA512" -> "-sha512";
            default -> null;
        };
    }
}
