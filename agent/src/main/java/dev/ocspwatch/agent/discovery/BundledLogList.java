package dev.ocspwatch.agent.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The CT log list shipped inside the jar, so discovery knows the public logs with no network.
 *
 * <p>It is Chrome's v3 list ({@code https://www.gstatic.com/ct/log_list/v3/log_list.json}),
 * version 59.1 of 2025-07-10, as embedded (in JavaScript object syntax, as its {@code ctLogs}
 * constant) in a 2025 version of {@code packages/key-transparency/lib/constants/certificates.ts}
 * of {@code ProtonMail/WebClients}, converted back to JSON field for field: no verbatim copy of a
 * current gstatic list was reachable from where this was built. Every {@code log_id} was
 * checked to be base64(SHA-256(key)). Logs created after that date are missing and the list's
 * temporal intervals age out, which is why production agents should follow Chrome's URL.
 */
public final class BundledLogList {
    /** Version and timestamp of the bundled list, for logs and {@code --help}. */
    public static final String DESCRIPTION = "Chrome log list v3, version 59.1, 2025-07-10T12:53:11Z";
    static final String RESOURCE = "chrome-log-list-v3-2025-07-10.json";

    private BundledLogList() {
    }

    public static byte[] bytes() {
        try (InputStream in = BundledLogList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE + " next to " + BundledLogList.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
