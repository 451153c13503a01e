package dev.ocspwatch.lab.testing;

import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.scenario.CaSpec;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scenarios for tests: the shipped files, and small ones built in code (ECDSA keys, which are
 * quick to make) where a test needs its own sites, regions and CAs.
 */
public final class LabScenarios {
    /** {@code config/scenarios}, seen from the lab module's directory (where Maven runs the tests). */
    public static final Path SHIPPED = Path.of("../config/scenarios");

    private LabScenarios() {
    }

    /** Every {@code *.yaml} file in {@link #SHIPPED}, sorted. */
    public static List<Path> shippedFiles() {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario.RegionSpec region(String name, String site) {
        return new Scenario.RegionSpec(name, site);
    }

    public static Scenario.SiteSpec site(String name, int replicas, Duration lag) {
        return new Scenario.SiteSpec(name, replicas, lag);
    }

    public static CaBuilder ca(String name) {
        return new CaBuilder(name);
    }

    public static Scenario scenario(String name, long seed, Duration deadline, Duration watchWindow,
                                    List<Scenario.RegionSpec> regions, List<Scenario.SiteSpec> sites, List<CaSpec> cas,
                                    List<Fault> faults) {
        return new Scenario(name, "test scenario " + name, seed, deadline, Duration.ofHours(1), watchWindow, regions, sites,
                cas, null, faults);
    }

    /** A CA spec with the scenario defaults, changed where a test needs it. */
    public static final class CaBuilder {
        private final String name;
        private KeyKind key = KeyKind.ECDSA_P256;
        private Duration issueEvery = Duration.ofMinutes(1);
        private Duration finalAfter;
        private Double precertOnly;
        private Duration revokeEvery;
        private Duration signerDelay;
        private Duration responseValidity;
        private Duration cacheMaxAge;
        private Duration errorMaxAge;
        private Boolean delegated;
        private Boolean ocsp;

        private CaBuilder(String name) {
            this.name = name;
        }

        public CaBuilder key(KeyKind value) {
            key = value;
            return this;
        }

        public CaBuilder finalAfter(Duration value) {
            finalAfter = value;
            return this;
        }

        public CaBuilder signerDelay(Duration value) {
            signerDelay = value;
            return this;
        }

        public CaBuilder cacheMaxAge(Duration value) {
            cacheMaxAge = value;
            return this;
        }

        public CaBuilder errorMaxAge(Duration value) {
            errorMaxAge = value;
            return this;
        }

        public CaBuilder delegated(boolean value) {
            delegated = value;
            return this;
        }

        public CaBuilder ocsp(boolean value) {
            ocsp = value;
            return this;
        }

        public CaSpec build() {
            return new CaSpec(name, key, issueEvery, finalAfter, precertOnly, revokeEvery, signerDelay, responseValidity,
                    cacheMaxAge, errorMaxAge, delegated, ocsp);
        }
    }
}
