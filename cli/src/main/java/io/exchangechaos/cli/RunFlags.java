package io.exchangechaos.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code gameday} share, as typed: every one is checked by {@link RunSettings} before
 * anything starts, so that one bad value gets a message that says how to fix it, and all of them are reported at once.
 */
final class RunFlags {

    @Option(names = "--topology", paramLabel = "T", completionCandidates = Candidates.Topologies.class,
        description = "single-region or multi-region (three regions), or a topology file. Default: the scenario's (multi-region in the library).")
    String topology;

    @Option(names = "--backend", paramLabel = "local|docker", completionCandidates = Candidates.Backends.class,
        description = "How the staged exchange runs. Default: local (OS processes on loopback addresses).")
    String backend;

    @Option(names = "--weakness", paramLabel = "W", completionCandidates = Candidates.Weaknesses.class,
        description = "Switch one resilience mechanism of the staged exchange off: ${COMPLETION-CANDIDATES}. Default: the scenario's.")
    String weakness;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Root of the run directories; tried by writing before anything starts, and never a system directory"
            + " or a symbolic link of another user. Default: target/chaos-runs (relative to the current directory).")
    String out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order generator (0 or more). Default: 1.")
    String seed;

    @Option(names = "--rate", paramLabel = "ORDERS_PER_S", description = "Orders started per second, instead of the scenario's load.rate, e.g. 200.")
    String rate;

    @Option(names = "--duration", paramLabel = "DUR", description = "Length of the load, instead of the scenario's load.duration, e.g. 90s or 2m.")
    String duration;

    @Option(names = "--toxiproxy", paramLabel = "URL",
        description = "Use an external Toxiproxy API (e.g. http://127.0.0.1:8474) instead of the embedded server; it must"
            + " answer GET /version before anything starts.")
    String toxiproxy;

    @Option(names = "--signing-key", paramLabel = "FILE",
        description = "Sign the run's manifest with this Ed25519 private key (./chaos keys init writes one); or put the"
            + " key's text in the environment variable CHAOS_SIGNING_KEY (e.g. a CI secret). The key is never written"
            + " into the run directory; check a signed run with ./chaos report verify DIR --key PUBLIC_KEY.")
    String signingKey;

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginPaths.DESCRIPTION)
    List<String> plugins = new ArrayList<>();

    @Option(names = "--allow-remote-targets",
        description = "Allow a topology whose addresses are not on this machine (loopback); faults then hit other machines.")
    boolean allowRemoteTargets;
}
