package io.exchangechaos.core.ledger;

import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Backends;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Heals every fault the ledger says is still in force, from the ledger alone: what {@code ./chaos cleanup} and the
 * start of every run call. Steps of all faults run in one order (thaw frozen processes, restart killed services,
 * remove toxics, re-enable proxies, remove DNS faults, remove stubs, roll back configs, stop processes a run
 * started), newest fault first within a step. Healed and already-gone faults are marked healed; failed ones stay for
 * the next cleanup. Running it twice is harmless.
 *
 * <p>Every cleanup first compacts the ledger: faults healed more than {@link #KEEP_HEALED} ago are dropped from it. An
 * entry whose recipe calls an address no server can listen on (a port out of range) was never in force: it is retired
 * as already gone, saying so, instead of failing every cleanup after it.
 *
 * <p>The ledger is shared by every run on the machine, so by default faults whose run is still alive are left alone
 * ({@link HealOutcome#SKIPPED}); {@link #includingLiveRuns()} heals those too.
 */
public final class Cleanup {
    /** How long a healed fault stays in the ledger: long enough to look into a run of last week, then compacted away. */
    public static final Duration KEEP_HEALED = Duration.ofDays(7);

    private final FaultLedger ledger;
    private final Healer healer;
    private final boolean includeLiveRuns;
    private final boolean sweep;

    public Cleanup(FaultLedger ledger, Healer healer) {
        this(ledger, healer, false, true);
    }

    private Cleanup(FaultLedger ledger, Healer healer, boolean includeLiveRuns, boolean sweep) {
        this.ledger = ledger;
        this.healer = healer;
        this.includeLiveRuns = includeLiveRuns;
        this.sweep = sweep;
    }

    public static Cleanup of(FaultLedger ledger) {
        return new Cleanup(ledger, new Healer());
    }

    /** A cleanup that also heals faults of runs still alive (and of this JVM); for an operator who means it. */
    public Cleanup includingLiveRuns() {
        return new Cleanup(ledger, healer, true, sweep);
    }

    /**
     * A cleanup of the ledger's faults only, leaving what dead runs left in each backend (containers, networks) to
     * {@link Backend#sweepLeftovers}: a run on local processes sweeps the containers meanwhile, as asking a Docker
     * engine costs it a second before its stack can start.
     */
    public Cleanup withoutSweep() {
        return new Cleanup(ledger, healer, includeLiveRuns, false);
    }

    public CleanupReport run() {
        // what dead runs left in each backend first (containers: their ledger faults then heal as already gone); a
        // live run's containers are its own to remove, even when its faults are healed here
        List<String> containers = new ArrayList<>();
        if (sweep) {
            Backends.all().forEach(b -> containers.addAll(b.sweepLeftovers(false)));
        }
        int compacted = 0;
        try {
            compacted = ledger.compact(Instant.now().minus(KEEP_HEALED));
        } catch (UncheckedIOException e) {
            // a ledger that cannot be rewritten still heals: compaction is housekeeping
            LoggerFactory.getLogger(Cleanup.class).warn("{}", e.getMessage());
        }
        FaultLedger.Snapshot snapshot = ledger.read();
        LedgerEntry.Owner self = ledger.self();
        Map<String, List<HealResult>> results = new LinkedHashMap<>();
        Map<String, CleanupReport.Item> skipped = new LinkedHashMap<>();
        List<LedgerEntry> toHeal = new ArrayList<>();
        for (LedgerEntry entry : snapshot.unhealed()) {
            String reason = includeLiveRuns ? null : liveOwner(entry.owner(), self);
            if (reason != null) {
                skipped.put(entry.id(), item(entry, new HealResult(HealOutcome.SKIPPED, reason)));
            } else {
                toHeal.add(entry);
                results.put(entry.id(), new ArrayList<>());
            }
        }
        Set<String> healedOrHealing = new HashSet<>(results.keySet());
        snapshot.entries().stream().filter(LedgerEntry::isHealed).forEach(e -> healedOrHealing.add(e.id()));

        List<Step> steps = new ArrayList<>();
        for (LedgerEntry entry : toHeal) {
            for (HealRecipe recipe : entry.heal().steps()) {
                steps.add(new Step(entry, recipe));
            }
        }
        HealRecipeKinds kinds = HealRecipeKinds.registered();
        steps.sort(Comparator.comparingInt((Step s) -> kinds.cleanupOrder(s.recipe()))
            .thenComparing((Step s) -> s.entry().injectedAt(), Comparator.reverseOrder()));
        for (Step step : steps) {
            // a step that served a run now over (a service that run had started), or that calls an address no server
            // can listen on, is not healed, only marked gone
            HealResult result = kinds.obsolete(step.recipe(), healedOrHealing).map(HealResult::alreadyGone)
                .orElseGet(() -> healer.healStep(step.recipe()));
            results.get(step.entry().id()).add(result);
        }

        List<CleanupReport.Item> items = new ArrayList<>();
        for (LedgerEntry entry : snapshot.unhealed()) {
            CleanupReport.Item item = skipped.get(entry.id());
            if (item == null) {
                List<HealResult> stepResults = results.get(entry.id());
                HealResult merged = stepResults.isEmpty() ? HealResult.alreadyGone("nothing to heal")
                    : HealResult.merge(stepResults);
                if (merged.isHealthy()) {
                    ledger.recordHealed(entry.id(), "cleanup: " + merged);
                } else {
                    ledger.recordHealFailed(entry.id(), "cleanup: " + merged.detail());
                }
                item = item(entry, merged);
            }
            items.add(item);
        }
        return new CleanupReport(ledger.file(), items, snapshot.problems(), containers, compacted);
    }

    /**
     * Why a recipe that heals through {@code url} can never have had anything to undo: the address is none a server
     * can listen on (a port out of range, no host), so the fault it heals was never created. A recipe kind's
     * {@link HealRecipeKind#obsolete} says so, and the entry is retired rather than failing every cleanup from then on.
     */
    public static Optional<String> neverInForce(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String why;
        try {
            URI uri = new URI(url);
            why = uri.getHost() == null ? "it has no host"
                : uri.getPort() == 0 || uri.getPort() > 65_535 ? "port " + uri.getPort() + " is out of range"
                : null;
        } catch (URISyntaxException e) {
            why = "it is not a URL (" + e.getReason() + ")";
        }
        return Optional.ofNullable(why).map(w -> "never in force, retired: [" + url + "] is no address a server can"
            + " listen on (" + w + "), so nothing was ever created there");
    }

    /** Why {@code owner}'s faults must be left alone, or null when its run is over. */
    private static String liveOwner(LedgerEntry.Owner owner, LedgerEntry.Owner self) {
        if (owner.host() != null && !owner.host().isEmpty() && !owner.host().equals(self.host())) {
            return "injected on host [" + owner.host() + "], not this one [" + self.host() + "]; run cleanup there";
        }
        if (owner.pid() == self.pid() && owner.startTicks() == self.startTicks()) {
            return "injected by this process (pid " + owner.pid() + "), which still holds it";
        }
        if (owner.pid() > 0 && ProcStat.isAlive(owner.pid(), owner.startTicks())) {
            return "its run (pid " + owner.pid() + ") is still running; stop it first, or clean up including live runs";
        }
        return null;
    }

    private static CleanupReport.Item item(LedgerEntry entry, HealResult result) {
        return new CleanupReport.Item(entry.id(), entry.type(), entry.target(), entry.injectedAt(), result);
    }

    private record Step(LedgerEntry entry, HealRecipe recipe) {
    }
}
