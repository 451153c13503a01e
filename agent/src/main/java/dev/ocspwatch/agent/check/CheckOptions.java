package dev.ocspwatch.agent.check;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.ProbeMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code ocspwatch check} was asked to do. Exactly one of {@code certificate} and
 * {@code host} is set.
 *
 * @param responderUrls when not empty, probe these instead of the certificate's OCSP URLs
 * @param sha256CertId also probe with a SHA-256 CertID (conformance, as crt.sh does)
 * @param unissuedSerial also probe a random serial the CA never issued: {@code good} is a finding
 * @param addressPolicy which addresses probes may reach (public only, by default)
 */
public record CheckOptions(
        Path certificate,
        Path issuer,
        String host,
        List<String> responderUrls,
        Set<ProbeMethod> methods,
        boolean sha256CertId,
        boolean unissuedSerial,
        boolean crl,
        AddressPolicy addressPolicy,
        Duration timeout,
        Duration clockSkew,
        int maxOcspBytes,
        int maxCrlBytes) {

    public CheckOptions {
        responderUrls = List.copyOf(responderUrls);
        methods = Set.copyOf(methods);
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if ((certificate == null) == (host == null)) {
            throw new IllegalArgumentException("exactly one of certificate and host must be set");
        }
    }

    public static Builder certificate(Path certificate) {
        return new Builder().certificate(certificate);
    }

    public static Builder host(String host) {
        return new Builder().host(host);
    }

    /** Defaults as the command line has them: GET and POST, CRLs on, public addresses only, 10 s. */
    public static final class Builder {
        private Path certificate;
        private Path issuer;
        private String host;
        private List<String> responderUrls = List.of();
        private Set<ProbeMethod> methods = EnumSet.allOf(ProbeMethod.class);
        private boolean sha256CertId;
        private boolean unissuedSerial;
        private boolean crl = true;
        private AddressPolicy addressPolicy = AddressPolicy.PUBLIC_ONLY;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration clockSkew = Duration.ofMinutes(5);
        private int maxOcspBytes = FetchLimits.OCSP_MAX_BYTES;
        private int maxCrlBytes = FetchLimits.CRL_MAX_BYTES;

        public Builder certificate(Path value) {
            certificate = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder issuer(Path value) {
            issuer = value;
            return this;
        }

        public Builder responderUrls(List<String> value) {
            responderUrls = value;
            return this;
        }

        public Builder methods(Set<ProbeMethod> value) {
            methods = value;
            return this;
        }

        public Builder sha256CertId(boolean value) {
            sha256CertId = value;
            return this;
        }

        public Builder unissuedSerial(boolean value) {
            unissuedSerial = value;
            return this;
        }

        public Builder crl(boolean value) {
            crl = value;
            return this;
        }

        public Builder addressPolicy(AddressPolicy value) {
            addressPolicy = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder clockSkew(Duration value) {
            clockSkew = value;
            return this;
        }

        public Builder maxOcspBytes(int value) {
            maxOcspBytes = value;
            return this;
        }

        public Builder maxCrlBytes(int value) {
            maxCrlBytes = value;
            return this;
        }

        public CheckOptions build() {
            return new CheckOptions(certificate, issuer, host, responderUrls, methods, sha256CertId, unissuedSerial, crl,
                    addressPolicy, timeout, clockSkew, maxOcspBytes, maxCrlBytes);
        }
    }
}
