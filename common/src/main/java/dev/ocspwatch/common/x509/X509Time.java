package dev.ocspwatch.common.x509;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate's validity time as an {@link Instant}, read without Bouncy Castle's
 * {@code SimpleDateFormat} path, which costs more than the rest of a CT entry's parsing.
 * RFC 5280 section 4.1.2.5 fixes the forms:
 * <pre>
 * UTCTime         YYMMDDHHMMSSZ    (YY &gt;= 50 is 19YY, YY &lt; 50 is 20YY)
 * GeneralizedTime YYYYMMDDHHMMSSZ  (no fractional seconds)
 * </pre>
 * Anything else (certificates that break the profile exist) goes through Bouncy Castle's lenient parser.
 */
public final class X509Time {
    private X509Time() {
    }

    public static Instant instant(Time time) {
        Instant profiled = profiled(time);
        return profiled != null ? profiled : time.getDate().toInstant();
    }

    /**
     * An OCSP GeneralizedTime (producedAt, thisUpdate, ...), by the same fast path; a form outside
     * the profile (fractional seconds, which some responders send) by Bouncy Castle's parser.
     */
    public static Instant instant(ASN1GeneralizedTime time) throws java.text.ParseException {
        Instant profiled = profiled(new Time(time));
        return profiled != null ? profiled : time.getDate().toInstant();
    }

    /** The time if it has one of RFC 5280's forms, else null. */
    static Instant profiled(Time time) {
        // The DER contents, not getTime(): Bouncy Castle normalises that to "...GMT+00:00".
        byte[] der = encoded(time.toASN1Primitive());
        int year = -1;
        int at = 2;
        if (der != null && der.length == 15 && der[0] == 0x17 && der[1] == 13 && der[14] == 'Z' && digits(der, 2, 14)) {
            int yy = number(der, 2, 4);
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            at = 4;
        } else if (der != null && der.length == 17 && der[0] == 0x18 && der[1] == 15 && der[16] == 'Z' && digits(der, 2, 16)) {
            year = number(der, 2, 6);
            at = 6;
        }
        if (year >= 0) {
            try {
                return LocalDateTime.of(year, number(der, at, at + 2), number(der, at + 2, at + 4), number(der, at + 4, at + 6),
                        number(der, at + 6, at + 8), number(der, at + 8, at + 10)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException outOfRange) {
                // e.g. month 13: let the lenient parser decide, as before
            }
        }
        return null;
    }

    private static byte[] encoded(ASN1Primitive primitive) {
        try {
            return primitive.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean digits(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = s[i];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s[i] - '0');
        }
        return value;
    }
}
