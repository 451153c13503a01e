package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

class X509TimeTest {
    @Test
    void readsUtcTimeWithTheRfc5280CenturyRule() {
        assertEquals(Instant.parse("2049-12-31T23:59:59Z"), X509Time.instant(new Time(new ASN1UTCTime("491231235959Z"))));
        assertEquals(Instant.parse("1950-01-01T00:00:00Z"), X509Time.instant(new Time(new ASN1UTCTime("500101000000Z"))));
        assertEquals(Instant.parse("2025-07-10T12:53:11Z"), X509Time.instant(new Time(new ASN1UTCTime("250710125311Z"))));
        assertEquals(Instant.parse("2025-07-10T12:53:11Z"), X509Time.profiled(new Time(new ASN1UTCTime("250710125311Z"))),
                "read directly, not through Bouncy Castle's date parser");
    }

    @Test
    void readsGeneralizedTime() {
        assertEquals(Instant.parse("2050-01-01T00:00:00Z"), X509Time.instant(new Time(new ASN1GeneralizedTime("20500101000000Z"))));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), X509Time.instant(new Time(new ASN1GeneralizedTime("99991231235959Z"))),
                "RFC 5280's 'no well-defined expiration date'");
        assertEquals(Instant.parse("2050-01-01T00:00:00Z"), X509Time.profiled(new Time(new ASN1GeneralizedTime("20500101000000Z"))));
    }

    @Test
    void readsOcspGeneralizedTimesWithAndWithoutFractionalSeconds() throws Exception {
        assertEquals(Instant.parse("2025-07-10T12:53:11Z"), X509Time.instant(new ASN1GeneralizedTime("20250710125311Z")));
        assertEquals(Instant.parse("2025-07-10T12:53:11.250Z"), X509Time.instant(new ASN1GeneralizedTime("20250710125311.25Z")),
                "fractional seconds, which some responders send");
    }

    @Test
    void agreesWithBouncyCastleOnFormsOutsideTheProfile() {
        ASN1UTCTime withoutSeconds = new ASN1UTCTime("2507101253Z");
        assertEquals(new Time(withoutSeconds).getDate().toInstant(), X509Time.instant(new Time(withoutSeconds)));
        assertEquals(null, X509Time.profiled(new Time(withoutSeconds)));
        ASN1GeneralizedTime fractional = new ASN1GeneralizedTime("20250710125311.5Z");
        assertEquals(new Time(fractional).getDate().toInstant(), X509Time.instant(new Time(fractional)));
    }

    @Test
    void agreesWithBouncyCastleFrom1950To2049AndBeyond() {
        for (long seconds = -600_000_000L; seconds < 2_500_000_000L; seconds += 7_777_777L) {
            Date date = new Date(seconds * 1000);
            Time time = new Time(date, Locale.ROOT);
            assertEquals(time.getDate().toInstant(), X509Time.profiled(time), time.getTime());
        }
    }
}
