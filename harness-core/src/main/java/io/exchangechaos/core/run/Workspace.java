package io.exchangechaos.core.run;

import io.exchangechaos.core.scenario.ScenarioYaml;
import io.exchangechaos.core.secret.Redactions;
import io.exchangechaos.core.secret.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's directory, {@code <out>/<scenario>/<stamp>}, with the {@code latest} link beside it and the scenario as run
 * in it (redacted), and the secrets the run keeps out of everything it writes.
 */
final class Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String SCENARIO_FILE = "scenario.yaml";

    private Workspace() {
    }

    static String stamp(Instant startedAt) {
        return RUN_STAMP.format(startedAt);
    }

    /** Creates the run directory and gathers the secrets known before the stack: sets {@code runDir} and {@code secrets}. */
    static void open(RunContext ctx) throws IOException {
        ctx.runDir = createRunDir(ctx.options.outRoot(), ctx.scenario.name(), stamp(ctx.startedAt));
        ctx.abort.watch(new RunDirSpace(ctx.runDir));
        linkLatest(ctx.runDir);
        String yaml = ScenarioYaml.write(ctx.scenario);
        Secrets.Builder given = Secrets.builder().text(ctx.options.toxiproxy().map(Object::toString).orElse(null)).text(yaml);
        ctx.options.signer().ifPresent(s -> s.secretValues().forEach(given::value));
        secretsOf("", ctx.adapterConfig, given);
        // one tally for everything redacted before the reports, which report.json then summarises
        ctx.secrets = Secrets.ofThisProcess(List.of()).and(given.build()).countingInto(new Redactions());
        Files.writeString(ctx.runDir.resolve(SCENARIO_FILE), ctx.secrets.redact(yaml));
    }

    /** The adapter's configuration as named values ({@code auth.apiKey}), so a secret-named one is never written. */
    private static void secretsOf(String prefix, Object value, Secrets.Builder given) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> secretsOf(prefix + k + ".", v, given));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> secretsOf(prefix, v, given));
        } else if (value != null) {
            given.property(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), String.valueOf(value));
        }
    }

    /**
     * Creates {@code <outRoot>/<scenario>/<stamp>}, refusing to write anywhere else: a {@code <scenario>} that is a link
     * out of the root (planted in a shared directory) would take the run's files, perhaps written as root, elsewhere.
     */
    static Path createRunDir(Path outRoot, String scenario, String stamp) throws IOException {
        Files.createDirectories(outRoot);
        Path runDir = outRoot.resolve(scenario).resolve(stamp);
        Files.createDirectories(runDir);
        Path realRoot = outRoot.toRealPath();
        if (!runDir.toRealPath().startsWith(realRoot)) {
            throw new IOException("the run directory [" + runDir + "] resolves to [" + runDir.toRealPath() + "], outside"
                + " the runs root [" + realRoot + "] (a symbolic link on the way); remove the link or pass another --out");
        }
        return runDir;
    }

    private static void linkLatest(Path runDir) {
        Path latest = runDir.getParent().resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, runDir.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no latest link: {}", e.toString());
        }
    }

    /** The hex SHA-256 of {@code file}, or null if it cannot be read. */
    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            return null;
        }
    }
}
