package dev.ocspwatch.collector.evidence;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything about one certificate in one zip, to attach to a bug: {@code README.md} (the
 * {@link EvidenceReport}), {@code timeline.svg}, the records as JSON, the issuing CA's
 * certificate as {@code issuer.pem} when the collector holds it, the raw DER requests and
 * responses under {@code raw/<region>/}, and {@code reproduce.sh}. All under one folder, with
 * names made safe by {@link SafeName}, in a fixed order with fixed timestamps: the same
 * evidence zips to the same bytes, so two copies can be compared by hash. A part that is
 * missing (no verdict, no certificate record) is left out, and the README says so.
 */
public final class EvidenceBundle {
    /**
     * Not the real time, so bundles are reproducible. Not 1980-01-01 either: the JDK writes that
     * one (the DOS epoch) as an extended timestamp converted through the local time zone.
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0, 0);
    // Map keys sorted (records hold Map.copyOf maps, whose order changes from JVM to JVM) and "\n" on every platform.
    private static final ObjectWriter JSON = Json.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .with(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private EvidenceBundle() {
    }

    public static byte[] zip(CertificateEvidence evidence, String generator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(evidence, generator, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the zip to {@code out} and finishes it; {@code out} stays open. */
    public static void write(CertificateEvidence evidence, String generator, OutputStream out) throws IOException {
        String folder = folder(evidence) + "/";
        List<RawFiles> probes = RawFiles.of(evidence.observations());
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        entry(zip, folder + "README.md", utf8(EvidenceReport.markdown(evidence, generator)));
        entry(zip, folder + "reproduce.sh", utf8(ReproduceScript.text(evidence, probes, generator)));
        entry(zip, folder + "timeline.svg", utf8(EvidenceTimeline.svg(evidence)));
        if (evidence.certificate() != null) {
            entry(zip, folder + "certificate.json", json(evidence.certificate()));
        }
        if (evidence.verdict() != null) {
            entry(zip, folder + "verdict.json", json(evidence.verdict()));
        }
        entry(zip, folder + "observations.json", json(evidence.observations()));
        IssuerFile issuer = IssuerFile.of(evidence);
        if (issuer != null) {
            entry(zip, folder + IssuerFile.NAME, issuer.pem());
        }
        for (RawFiles probe : probes) {
            if (probe.requestPath() != null) {
                entry(zip, folder + probe.requestPath(), probe.request());
            }
            if (probe.responsePath() != null) {
                entry(zip, folder + probe.responsePath(), probe.response());
            }
        }
        zip.finish();
    }

    /**
     * The zip's one top folder: {@code ocspwatch-evidence-<serial>-<first 16 hex of the issuer
     * SPKI hash>}, short enough to read, long enough not to collide.
     */
    public static String folder(CertificateEvidence evidence) {
        String id = evidence.certificateId();
        int colon = id.indexOf(':');
        String name = colon == 64 ? id.substring(colon + 1) + "-" + id.substring(0, 16) : id;
        return "ocspwatch-evidence-" + SafeName.of(name);
    }

    /** A name for the download (Content-Disposition): the folder plus {@code .zip}. */
    public static String fileName(CertificateEvidence evidence) {
        return folder(evidence) + ".zip";
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] json(Object value) throws IOException {
        byte[] body = JSON.writeValueAsBytes(value);
        byte[] withNewline = new byte[body.length + 1];
        System.arraycopy(body, 0, withNewline, 0, body.length);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
