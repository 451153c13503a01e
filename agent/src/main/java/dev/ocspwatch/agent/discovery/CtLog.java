package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.LogId;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A CT log to follow.
 *
 * @param url the RFC 6962 base URL, or the static-ct-api monitoring prefix; always ending in '/'
 * @param origin the checkpoint origin line a static-ct-api log must sign (its submission prefix
 *     without scheme and trailing slash); null for RFC 6962 logs
 * @param key the log's public key; tree heads and checkpoints that do not verify with it are
 *     rejected. Null only for {@code ocspwatch ct tail} without {@code --key}: nothing is verified.
 * @param logId null exactly when {@code key} is
 */
public record CtLog(String name, LogId logId, PublicKey key, CtApi api, String url, String origin) {
    public CtLog {
        Objects.requireNonNull(name, "name");
        if ((key == null) != (logId == null)) {
            throw new IllegalArgumentException("a log has both a key and a log id, or neither");
        }
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(url, "url");
        url = url.endsWith("/") ? url : url + "/";
    }

    /** Whether tree heads are verified (a key is known). */
    public boolean verified() {
        return key != null;
    }

    /** The origin a static-ct-api log's submission prefix implies: no scheme, no trailing slash. */
    public static String originOf(String submissionUrl) {
        String origin = submissionUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        while (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        return origin;
    }
}
