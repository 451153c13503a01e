package dev.ocspwatch.lab.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the lab knows about one certificate: when it was first published, its deadline, what
 * each region was answered from the deadline to the end of the watch window, which regions'
 * paths were blocked, and the verdict DESIGN.md's rules imply.
 *
 * @param regions per region, the outcomes of the answers at or after the deadline, in order
 * @param blockedRegions regions whose path to the responder was blocked at or after the deadline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateTruth(
        String certificateId,
        String ca,
        String serial,
        boolean precertOnly,
        boolean ocsp,
        Instant publishedAt,
        Instant deadline,
        Instant windowEnd,
        Map<String, List<String>> regions,
        List<String> blockedRegions,
        Verdict verdict,
        String reason) {
}
