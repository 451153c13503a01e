package dev.ocspwatch.collector.evidence;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test help for shell text: a tiny POSIX word splitter (to read a command line without
 * running it) and a runner for {@code sh}, {@code openssl} and friends with stdin closed and
 * a time limit.
 */
final class Shell {
    private Shell() {
    }

    /** What one run printed (stdout and stderr merged) and its exit code. */
    record Result(int exitCode, String output, byte[] stdout) {
    }

    /**
     * Splits one command line as POSIX sh would, for the subset we generate: blanks separate
     * words, single quotes keep everything literally, backslash escapes one character.
     * Anything a shell would act on outside quotes ({@code ; | & < > ( ) $ `} or a newline)
     * fails the test: in our output it may only ever appear quoted.
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new AssertionError("unterminated single quote in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                word.append(line.charAt(++i));
            } else if (";|&<>()$`\"\n*?[#~".indexOf(c) >= 0) {
                throw new AssertionError("unquoted shell metacharacter '" + c + "' at " + i + " in: " + line);
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    static Result run(Path directory, Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // A proxy from the environment would take our requests to 127.0.0.1 somewhere else.
            List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
                    .forEach(builder.environment()::remove);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether {@code program} runs here at all (for Assumptions: a missing tool skips, never passes). */
    static boolean available(String... versionCommand) {
        try {
            Process process = new ProcessBuilder(versionCommand).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
