package dev.ocspwatch.collector.topology;

import java.time.Instant;

/**
 * Keys of the per-probe stores ({@code evidence}, {@code probe-summaries}):
 * {@code <certificate id>|<13-digit send time ms>|<observation id>}, so one prefix scan reads a
 * certificate's probes in send order. Built by hand: {@code String.format} was a visible cost
 * when every observation makes two keys.
 */
final class ProbeKeys {
    private static final int MS_DIGITS = 13;

    private ProbeKeys() {
    }

    static String key(String certificateId, long sentAtMs, String observationId) {
        String ms = Long.toString(Math.max(0, sentAtMs));
        StringBuilder key = new StringBuilder(certificateId.length() + observationId.length() + MS_DIGITS + 2);
        key.append(certificateId).append('|');
        for (int pad = MS_DIGITS - ms.length(); pad > 0; pad--) {
            key.append('0');
        }
        return key.append(ms).append('|').append(observationId).toString();
    }

    static String key(String certificateId, Instant sentAt, String observationId) {
        return key(certificateId, sentAt == null ? 0 : sentAt.toEpochMilli(), observationId);
    }

    /** What every key of the certificate starts with (certificate ids hold no {@code |}). */
    static String prefix(String certificateId) {
        return certificateId + "|";
    }
}
