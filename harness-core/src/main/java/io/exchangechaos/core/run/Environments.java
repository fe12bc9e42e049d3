package io.exchangechaos.core.run;

import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.verdict.RunOutcome;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Where a run happened, for the report. */
final class Environments {
    private Environments() {
    }

    /** This process, with the values of every secret {@code secrets} knows, or that is named like one, redacted. */
    static RunOutcome.Environment current(Secrets secrets) {
        String version = Environments.class.getPackage().getImplementationVersion();
        return new RunOutcome.Environment(System.getProperty("java.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
            Runtime.getRuntime().availableProcessors(), gitCommit(), version == null ? "0.1.0-SNAPSHOT" : version, hostname(),
            secrets.runVariables(System.getenv()),
            secrets.redactArguments(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
