package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.probe.ProbeResult;
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
 */
public final class OpensslCommands {
    /** Where a command without the recorded request finds the issuing CA's certificate. */
    public static final String ISSUER_FILE = "issuer.pem";
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
        String method = probe.method() == null ? "" : probe.method().toUpperCase(Locale.ROOT);
        if (method.equals("GET")) {
            String getUrl = getUrl(probe);
            if (getUrl != null) {
                return List.of(
                        ShellCommand.of("GET the URL the agent asked: the response headers print, the body is saved",
                                "curl", "-sS", "-D", "-", "-o", responseFile, getUrl),
                        show(responseFile, "decode that answer"));
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
                    + (probe.serial() == null ? "; no serial was recorded: replace SERIAL" : "") + ")";
        }
        if (method.equals("GET")) {
            comment += "; the GET URL was not recorded, so this asks by POST instead";
        }
        argv.addAll(List.of("-url", probe.url(), "-respout", responseFile, "-resp_text", "-noverify"));
        return List.of(new ShellCommand(comment, argv));
    }

    /** Decodes a saved DER response; {@code -noverify} because the point is what it says, not whether we trust it. */
    public static ShellCommand show(String responseFile) {
        return show(responseFile, "decode the response as recorded");
    }

    private static ShellCommand show(String responseFile, String comment) {
        return ShellCommand.of(comment, "openssl", "ocsp", "-respin", responseFile, "-resp_text", "-noverify");
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
