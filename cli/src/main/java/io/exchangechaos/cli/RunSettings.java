package io.exchangechaos.cli;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.scenario.Rate;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioBuilder;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.Target;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Suggestions;
import io.exchangechaos.report.signing.KeyPairFiles;
import io.exchangechaos.report.signing.ManifestSigner;
import io.exchangechaos.report.signing.SigningKey;
import io.exchangechaos.report.signing.UnusableKeyException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The options of {@code run} and {@code gameday}, checked: every wrong value is reported (all of them at once), each
 * with the fix, before anything is started. Immutable, but for the warnings gathered as scenarios are prepared.
 */
final class RunSettings {
    static final String DEFAULT_OUT = "target/chaos-runs";
    static final List<String> BACKENDS = List.of("local", "docker");
    private static final double MAX_RATE = 100_000;

    private final Path out;
    private final Optional<TopologyRef> topology;
    private final Optional<Weakness> weakness;
    private final OptionalLong seed;
    private final OptionalDouble rate;
    private final Optional<Duration> duration;
    private final Optional<URI> toxiproxy;
    private final boolean allowRemoteTargets;
    private final String backend;
    private final Optional<SigningKey> signingKey;
    private final List<String> warnings = new ArrayList<>();

    private RunSettings(Path out, Optional<TopologyRef> topology, Optional<Weakness> weakness, OptionalLong seed,
                        OptionalDouble rate, Optional<Duration> duration, Optional<URI> toxiproxy, boolean allowRemoteTargets,
                        String backend, Optional<SigningKey> signingKey) {
        this.backend = backend;
        this.signingKey = signingKey;
        this.out = out;
        this.topology = topology;
        this.weakness = weakness;
        this.seed = seed;
        this.rate = rate;
        this.duration = duration;
        this.toxiproxy = toxiproxy;
        this.allowRemoteTargets = allowRemoteTargets;
    }

    /**
     * @param problems where each wrong value is added, one line each
     * @return the settings, or null when a problem was added
     */
    static RunSettings check(RunFlags f, List<String> problems) {
        return check(f, problems, System.getenv());
    }

    /** @param env the environment, where {@value SigningKey#ENVIRONMENT_VARIABLE} may hold the signing key */
    static RunSettings check(RunFlags f, List<String> problems, Map<String, String> env) {
        int before = problems.size();
        PluginPaths.install(f.plugins, problems);
        List<String> keyWarnings = new ArrayList<>();
        Optional<SigningKey> signingKey = signingKey(f.signingKey, env, problems, keyWarnings);
        Optional<TopologyRef> topology = topology(f.topology, problems);
        String backend = backend(f.backend, problems);
        Optional<Weakness> weakness = Optional.empty();
        if (f.weakness != null) {
            weakness = Weakness.fromId(f.weakness.trim());
            if (weakness.isEmpty()) {
                problems.add("--weakness [" + f.weakness + "]: unknown weakness; " + Suggestions.fix(f.weakness, Weakness.ids()));
            }
        }
        Path out = Path.of(DEFAULT_OUT);
        if (f.out != null) {
            if (f.out.isBlank()) {
                problems.add("--out []: empty; pass the directory run directories go under, e.g. --out " + DEFAULT_OUT);
            } else {
                out = Path.of(f.out);
            }
        }
        if (f.out == null || !f.out.isBlank()) {
            OutDirectory.problem(f.out == null ? DEFAULT_OUT : f.out, out).ifPresent(problems::add);
        }
        OptionalLong seed = OptionalLong.empty();
        if (f.seed != null) {
            try {
                long s = Long.parseLong(f.seed.trim());
                if (s < 0) {
                    problems.add("--seed [" + f.seed + "]: negative; pass a whole number of 0 or more, e.g. --seed 42");
                } else {
                    seed = OptionalLong.of(s);
                }
            } catch (NumberFormatException e) {
                problems.add("--seed [" + f.seed + "]: not a whole number; pass a whole number of 0 or more, e.g. --seed 42");
            }
        }
        OptionalDouble rate = rate(f.rate, problems);
        Optional<Duration> duration = duration(f.duration, problems);
        Optional<URI> toxiproxy = toxiproxy(f.toxiproxy, f.allowRemoteTargets, problems);
        if ("docker".equals(backend) && f.toxiproxy != null) {
            problems.add("--toxiproxy [" + f.toxiproxy + "]: the docker backend runs its own proxies, one container per"
                + " region; drop --toxiproxy, or use --backend local to drive an external Toxiproxy");
        }
        if (problems.size() > before) {
            return null;
        }
        RunSettings settings = new RunSettings(out, topology, weakness, seed, rate, duration, toxiproxy,
            f.allowRemoteTargets, backend, signingKey);
        settings.warnings.addAll(keyWarnings);
        return settings;
    }

    /**
     * The key runs are signed with: {@code --signing-key FILE}, else {@value SigningKey#ENVIRONMENT_VARIABLE}, which holds
     * the key's PEM text or the path of a file holding it. A key that cannot be used is a problem (nothing starts); an
     * empty variable, as a CI job without access to the secret gets, leaves the run unsigned with a warning.
     */
    private static Optional<SigningKey> signingKey(String file, Map<String, String> env, List<String> problems,
                                                   List<String> warnings) {
        String variable = SigningKey.ENVIRONMENT_VARIABLE;
        String text = env.get(variable);
        try {
            if (file != null) {
                if (file.isBlank()) {
                    problems.add("--signing-key []: empty; pass the private key file ./chaos keys init wrote, e.g. "
                        + "--signing-key keys/" + KeyPairFiles.PRIVATE_FILE);
                    return Optional.empty();
                }
                SigningKey key = SigningKey.read(Path.of(file), "--signing-key");
                SigningKey.permissionWarning(Path.of(file), "--signing-key").ifPresent(warnings::add);
                if (text != null && !text.isBlank()) {
                    warnings.add("note: " + variable + " is set too; the run is signed with --signing-key [" + file + "]");
                }
                return Optional.of(key);
            }
            if (text == null) {
                return Optional.empty();
            }
            if (text.isBlank()) {
                warnings.add("warning: " + variable + " is set but empty, so the run is not signed; in CI, check that the "
                    + "secret exists and is given to this job");
                return Optional.empty();
            }
            if (!text.contains("-----BEGIN") && !text.strip().contains("\n")) {
                // a file's path, as GitLab's file variables and Jenkins's secret files hand over a key
                Path keyFile = Path.of(text.strip());
                if (!Files.isRegularFile(keyFile)) {
                    problems.add(variable + ": neither a PEM key nor the path of a key file; put the text of the "
                        + KeyPairFiles.PRIVATE_FILE + " that ./chaos keys init wrote in it, or the file's path");
                    return Optional.empty();
                }
                SigningKey key = SigningKey.read(keyFile, variable);
                SigningKey.permissionWarning(keyFile, variable).ifPresent(warnings::add);
                return Optional.of(key);
            }
            return Optional.of(SigningKey.parse(text, variable));
        } catch (UnusableKeyException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<TopologyRef> topology(String value, List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            problems.add("--topology []: empty; use single-region or multi-region, or a path to a topology file");
            return Optional.empty();
        }
        TopologyRef ref = TopologyRef.of(value.trim());
        if (ref.isNamed()) {
            List<String> names;
            try {
                names = Topologies.names();
            } catch (IllegalStateException e) {
                problems.add("--topology [" + value + "]: " + e.getMessage());
                return Optional.empty();
            }
            if (!names.contains(ref.spec())) {
                problems.add("--topology [" + value + "]: no such topology; " + Suggestions.fix(value, names)
                    + " (or pass a path to a topology file)");
                return Optional.empty();
            }
        } else {
            Path file = Topologies.resolve(ref, null);
            if (!Files.isRegularFile(file)) {
                problems.add("--topology [" + value + "]: no such topology file; check the path (relative to "
                    + Path.of("").toAbsolutePath() + "), or use single-region or multi-region");
                return Optional.empty();
            }
            // the runner resolves a topology path against the scenario's directory; the user meant the working one
            return Optional.of(TopologyRef.of(file.toAbsolutePath().toString()));
        }
        return Optional.of(ref);
    }

    private static String backend(String value, List<String> problems) {
        if (value == null) {
            return "local";
        }
        if (!BACKENDS.contains(value.trim())) {
            problems.add("--backend [" + value + "]: unknown backend; " + Suggestions.fix(value, BACKENDS));
            return "local";
        }
        return value.trim();
    }

    private static OptionalDouble rate(String value, List<String> problems) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        String number = value.trim().endsWith("/s") ? value.trim().substring(0, value.trim().length() - 2).trim() : value.trim();
        BigDecimal r;
        try {
            // a decimal, in scientific notation too (1e3); never NaN, Infinity or hexadecimal, as a double would be
            r = new BigDecimal(number);
        } catch (NumberFormatException e) {
            problems.add("--rate [" + value + "]: not a number; pass orders per second, e.g. --rate 200");
            return OptionalDouble.empty();
        }
        if (r.signum() <= 0) {
            problems.add("--rate [" + value + "]: must be more than 0 orders per second; e.g. --rate 200");
            return OptionalDouble.empty();
        }
        if (r.compareTo(BigDecimal.valueOf(MAX_RATE)) > 0) {
            problems.add("--rate [" + value + "]: too large; more than one load generator can start (at most "
                + (long) MAX_RATE + " orders per second); lower it");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(r.doubleValue());
    }

    private static Optional<Duration> duration(String value, List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.trim().startsWith("-") && Durations.parse(value.trim().substring(1)).isPresent()) {
            problems.add("--duration [" + value + "]: negative; pass how long the load lasts, e.g. --duration 90s");
            return Optional.empty();
        }
        Optional<Duration> d = Durations.parse(value);
        if (d.isEmpty()) {
            problems.add("--duration [" + value + "]: not a duration; " + Durations.HOW_TO_WRITE);
            return Optional.empty();
        }
        if (d.get().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("--duration [" + value + "]: shorter than 1s; no load that short measures anything, e.g. --duration 90s");
            return Optional.empty();
        }
        return d;
    }

    private static Optional<URI> toxiproxy(String value, boolean allowRemote, List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        String example = "e.g. --toxiproxy http://127.0.0.1:8474";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            problems.add("--toxiproxy [" + value + "]: not a URL; pass the Toxiproxy API address, " + example);
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            problems.add("--toxiproxy [" + value + "]: not an http URL; pass the Toxiproxy API address, " + example);
            return Optional.empty();
        }
        if (uri.getPort() < 0) {
            problems.add("--toxiproxy [" + value + "]: no port; Toxiproxy's API listens on 8474 unless told otherwise, "
                + example.replace("127.0.0.1", uri.getHost()));
            return Optional.empty();
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            problems.add("--toxiproxy [" + value + "]: port " + uri.getPort() + " out of range; pass a port from 1 to"
                + " 65535, " + example);
            return Optional.empty();
        }
        if ("https".equals(uri.getScheme()) || uri.getUserInfo() != null || uri.getQuery() != null
            || uri.getFragment() != null || uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            problems.add("--toxiproxy [" + value + "]: Toxiproxy's API is plain http at the root of its address; pass"
                + " only scheme, host and port, " + example);
            return Optional.empty();
        }
        // asked before anything starts: a run whose every link fault would fail is not worth starting. Another
        // machine is asked only with consent; without it the target guard refuses the address anyway
        Optional<String> answer = allowRemote || TargetGuard.isLoopback(uri.getHost()) ? ToxiproxyProbe.version(uri)
            : Optional.empty();
        if (answer.isPresent()) {
            problems.add("--toxiproxy [" + value + "]: " + answer.get() + "; start it (e.g. ./chaos proxy-server --port "
                + uri.getPort() + ") or fix the URL");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /** The runner's options: out root, backend and every override given. */
    RunOptions runOptions() {
        RunOptions o = RunOptions.defaults().withOutRoot(out).withBackend(backend);
        if (topology.isPresent()) {
            o = o.withTopology(topology.get());
        }
        if (weakness.isPresent()) {
            o = o.withWeakness(weakness.get());
        }
        if (seed.isPresent()) {
            o = o.withSeed(seed.getAsLong());
        }
        if (rate.isPresent()) {
            o = o.withRate(rate.getAsDouble());
        }
        if (duration.isPresent()) {
            o = o.withDuration(duration.get());
        }
        if (toxiproxy.isPresent()) {
            o = o.withToxiproxy(toxiproxy.get());
        }
        if (signingKey.isPresent()) {
            o = o.withSigner(new ManifestSigner(signingKey.get()));
        }
        return o;
    }

    /** The key each run's manifest is signed with, if any. */
    Optional<SigningKey> signingKey() {
        return signingKey;
    }

    Path out() {
        return out;
    }

    /**
     * Reads the scenario and checks it as it will run: with the overrides applied, against the topology it will run
     * on, and that topology against the target guard.
     *
     * @throws ScenarioDefinitionException the scenario file's problems, located
     * @throws UsageException              an override that makes the scenario invalid, or a remote target
     */
    Prepared prepare(ScenarioSource source) {
        Scenario written = source.load();
        warnings.addAll(source.warnings());
        TopologyRef ref = topology.orElse(written.target().topology());
        Weakness w = weakness.orElse(written.target().weakness());
        Scenario effective = written;
        if (rate.isPresent() || duration.isPresent() || topology.isPresent() || weakness.isPresent()) {
            Load l = written.load();
            ScenarioBuilder b = written.toBuilder()
                .load(new Load(rate.isPresent() ? Rate.perSecond(rate.getAsDouble()) : l.rate(), l.rampUp(),
                    duration.orElse(l.duration()), l.mix(), l.symbols(), l.accounts(), l.requestTimeout(), l.surges()))
                .target(new Target(ref, w));
            try {
                effective = b.build();
            } catch (ScenarioDefinitionException e) {
                throw new UsageException(e.problems().stream()
                    .map(p -> source.label() + " " + overrides() + ": " + p).toList());
            }
        }
        Path base = source.file() == null ? null : source.file().toAbsolutePath().getParent();
        Topology t;
        try {
            t = Topologies.load(Topologies.resolve(ref, base), w);
        } catch (IllegalStateException e) {
            throw new UsageException(source.label() + ": " + e.getMessage());
        }
        if (!"docker".equals(backend)) {
            List<String> dockerOnly = effective.timeline().stream()
                .filter(step -> step.target() instanceof io.exchangechaos.core.scenario.FaultTarget.BetweenTarget)
                .map(step -> source.label() + ": timeline step [" + step.name() + "]: a partition "
                    + step.target().describe() + " needs --backend docker (on local processes every link's proxy "
                    + "carries every region's traffic, so one pair of regions cannot be cut alone); run it with "
                    + "--backend docker, or target {region: NAME} to cut one region off")
                .toList();
            if (!dockerOnly.isEmpty()) {
                throw new UsageException(dockerOnly);
            }
        }
        List<String> remote = allowRemoteTargets ? List.of() : TargetGuard.remoteAddresses(t, toxiproxy);
        if (!remote.isEmpty()) {
            List<String> lines = new ArrayList<>();
            remote.forEach(r -> lines.add("topology [" + t.name() + "]: " + r + " is not on this machine (not a loopback "
                + "address), so faults would hit another machine; pass --allow-remote-targets if that is what you mean"));
            throw new UsageException(lines);
        }
        return new Prepared(source, written, effective, ref, w, t, toxiproxy, seed.orElse(1L), out, backend);
    }

    private String overrides() {
        List<String> given = new ArrayList<>();
        topology.ifPresent(t -> given.add("--topology " + t));
        weakness.ifPresent(w -> given.add("--weakness " + w));
        rate.ifPresent(r -> given.add("--rate " + Rate.perSecond(r).toString().replace("/s", "")));
        duration.ifPresent(d -> given.add("--duration " + Durations.format(d)));
        return "with " + String.join(" ", given);
    }

    /** Warnings about the scenarios {@link #prepare}d so far: the commands print them before anything starts. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** A scenario ready to run: as written, as it will run, and where. */
    record Prepared(ScenarioSource source, Scenario written, Scenario effective, TopologyRef topologyRef,
                    Weakness weakness, Topology topology, Optional<URI> toxiproxy, long seed, Path out, String backend) {
    }
}
