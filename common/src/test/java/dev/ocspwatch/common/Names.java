package dev.ocspwatch.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.encoders.Hex;

/**
 * Independent spellings of distinguished names, to compare what the production code shows with
 * what OpenSSL and Python printed into the vectors' facts, without reusing production code.
 */
public final class Names {
    /** The attribute names Python cryptography's rfc4514_string knows; others print as dotted OIDs. */
    private static final Map<String, String> RFC4514_KEYS = Map.of(
            "2.5.4.3", "CN", "2.5.4.7", "L", "2.5.4.8", "ST", "2.5.4.10", "O", "2.5.4.11", "OU",
            "2.5.4.6", "C", "2.5.4.9", "STREET", "0.9.2342.19200300.100.1.25", "DC",
            "0.9.2342.19200300.100.1.1", "UID");

    /** Different spellings of one attribute type: OpenSSL's long/short names vs Bouncy Castle's labels. */
    private static final Map<String, String> ALIASES = Map.of(
            "EMAILADDRESS", "E",
            "EMAIL", "E",
            "POSTALCODE", "POSTALCODE",
            "SN", "SERIALNUMBER",
            "2.5.4.5", "SERIALNUMBER");

    private Names() {
    }

    /** RFC 4514 string the way Python cryptography writes it (most specific RDN first). */
    public static String rfc4514(X500Name name) {
        RDN[] rdns = name.getRDNs();
        List<String> parts = new ArrayList<>();
        for (int i = rdns.length - 1; i >= 0; i--) {
            List<String> avas = new ArrayList<>();
            for (AttributeTypeAndValue ava : rdns[i].getTypesAndValues()) {
                String oid = ava.getType().getId();
                avas.add(RFC4514_KEYS.getOrDefault(oid, oid) + "=" + escape(value(ava.getValue())));
            }
            parts.add(String.join("+", avas));
        }
        return String.join(",", parts);
    }

    private static String value(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return string.getString();
        }
        try {
            return "#" + Hex.toHexString(value.toASN1Primitive().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String v = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("+", "\\+").replace(",", "\\,")
                .replace(";", "\\;").replace("<", "\\<").replace(">", "\\>").replace("\0", "\\00");
        if (v.charAt(0) == '#' || v.charAt(0) == ' ') {
            v = "\\" + v;
        }
        if (v.endsWith(" ")) {
            v = v.substring(0, v.length() - 1) + "\\ ";
        }
        return v;
    }

    /**
     * "C = US, ST = WA, O = s2n" (OpenSSL's one-line form, encoding order) as
     * {@code ["C=US", "ST=WA", "O=s2n"]} with canonical attribute names.
     */
    public static List<String> fromOpenSslOneline(String oneline) {
        List<String> out = new ArrayList<>();
        for (String part : splitUnescaped(oneline, ',')) {
            int eq = part.indexOf(" = ");
            if (eq < 0) {
                throw new IllegalArgumentException("not an OpenSSL one-line DN component: " + part);
            }
            out.add(canonical(part.substring(0, eq).trim()) + "=" + unescape(part.substring(eq + 3)));
        }
        return out;
    }

    /**
     * "CN=x,O=y,C=US" (RFC 4514 order, most specific first, as {@code DistinguishedNames.display}
     * writes) as encoding-order pairs with canonical attribute names.
     */
    public static List<String> fromRfc4514(String text) {
        List<String> out = new ArrayList<>();
        for (String part : splitUnescaped(text, ',')) {
            int eq = part.indexOf('=');
            out.add(canonical(part.substring(0, eq).trim()) + "=" + unescape(part.substring(eq + 1)));
        }
        Collections.reverse(out);
        return out;
    }

    /** The first CN value of an RFC 4514 / RFC 2253 string. */
    public static String commonName(String rfc4514) {
        for (String part : splitUnescaped(rfc4514, ',')) {
            if (part.trim().toUpperCase(Locale.ROOT).startsWith("CN=")) {
                return unescape(part.trim().substring(3));
            }
        }
        return null;
    }

    private static String canonical(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        return ALIASES.getOrDefault(upper, upper);
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
