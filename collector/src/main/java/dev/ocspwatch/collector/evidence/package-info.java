/**
 * Evidence for CA-compliance bugs, made from a {@link dev.ocspwatch.collector.query.CertificateEvidence}:
 * {@link dev.ocspwatch.collector.evidence.EvidenceReport} (Markdown to paste into a bug),
 * {@link dev.ocspwatch.collector.evidence.EvidenceTimeline} (an SVG of every probe),
 * {@link dev.ocspwatch.collector.evidence.OpensslCommands} (commands that repeat a probe) and
 * {@link dev.ocspwatch.collector.evidence.EvidenceBundle} (all of it, records and raw DER
 * included, as one reproducible zip). Everything a responder or CT log sent is untrusted here:
 * escaped for Markdown, XML and the shell, and never used unsanitized as a file name.
 */
package dev.ocspwatch.collector.evidence;
