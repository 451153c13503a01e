package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.LogKey;

/**
 * A log named in the configuration rather than found in a log list (a private log, a lab log,
 * a log not yet in the public lists).
 *
 * @param url the RFC 6962 base URL or the static-ct-api monitoring prefix
 * @param key the log's key, base64 DER SubjectPublicKeyInfo, as log lists give it
 * @param origin for a static-ct-api log, the checkpoint origin; default: the URL without scheme
 * @param fromIndex where to start the first time; default: the log's current head
 */
public record LogSpec(String name, String url, CtApi api, String key, String origin, Long fromIndex) {
    public LogSpec {
        if (name == null || url == null || key == null) {
            throw new IllegalArgumentException("a log needs a name, a url and a key");
        }
        api = api == null ? CtApi.RFC6962 : api;
    }

    public CtLog toLog() throws CtFormatException {
        LogKey logKey = LogKey.fromBase64(key);
        String logOrigin = api == CtApi.STATIC ? (origin != null ? origin : CtLog.originOf(url)) : null;
        return new CtLog(name, logKey.logId(), logKey.publicKey(), api, url, logOrigin);
    }
}
