package io.exchangechaos.core.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link Cleanup} did, one item per fault the ledger had unhealed, and the ledger lines it had to skip.
 */
public record CleanupReport(Path ledger, List<Item> items, List<String> ledgerProblems, List<String> containers,
                            int compacted) {
    public CleanupReport {
        items = List.copyOf(items);
        ledgerProblems = List.copyOf(ledgerProblems);
        containers = List.copyOf(containers);
    }

    public CleanupReport(Path ledger, List<Item> items, List<String> ledgerProblems, List<String> containers) {
        this(ledger, items, ledgerProblems, containers, 0);
    }

    public CleanupReport(Path ledger, List<Item> items, List<String> ledgerProblems) {
        this(ledger, items, ledgerProblems, List.of());
    }

    /** The same report with {@code lines} as what was swept besides the ledger (containers of dead runs, say). */
    public CleanupReport withContainers(List<String> lines) {
        return new CleanupReport(ledger, items, ledgerProblems, lines, compacted);
    }

    /** True when nothing failed (skipped faults of live runs do not count against it). */
    public boolean isClean() {
        return items.stream().noneMatch(i -> i.result().outcome() == HealOutcome.FAILED);
    }

    public List<Item> withOutcome(HealOutcome outcome) {
        return items.stream().filter(i -> i.result().outcome() == outcome).toList();
    }

    /** One line per fault, for a terminal: {@code HEALED        f-3c1e9a0b7d42 network.latency [proxy db]: removed …}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (items.isEmpty()) {
            out.append("no unhealed faults in ").append(ledger).append('\n');
        }
        for (Item item : items) {
            out.append(String.format("%-13s %s %s [%s]: %s%n", item.result().outcome(), item.id(), item.type(),
                item.target(), item.result().detail()));
        }
        for (String line : containers) {
            out.append(line).append('\n');
        }
        if (compacted > 0) {
            out.append("compacted the ledger: dropped ").append(compacted).append(compacted == 1 ? " fault" : " faults")
                .append(" healed more than ").append(Cleanup.KEEP_HEALED.toDays()).append(" days ago\n");
        }
        for (String problem : ledgerProblems) {
            out.append("warning: ").append(problem).append('\n');
        }
        return out.toString();
    }

    /**
     * The last line for a person: how many faults were healed now, how many had gone by themselves, how many could
     * not be healed and are still in force, and how many belong to a run that is still going.
     */
    public String summary() {
        if (items.isEmpty()) {
            return "Nothing to heal.";
        }
        int healed = withOutcome(HealOutcome.HEALED).size();
        int gone = withOutcome(HealOutcome.ALREADY_GONE).size();
        int failed = withOutcome(HealOutcome.FAILED).size();
        int skipped = withOutcome(HealOutcome.SKIPPED).size();
        StringBuilder out = new StringBuilder().append(items.size()).append(items.size() == 1 ? " fault" : " faults")
            .append(" left in the ledger: ").append(healed).append(" healed now, ").append(gone)
            .append(" already gone");
        if (skipped > 0) {
            out.append(", ").append(skipped).append(" left alone (their run is still going)");
        }
        if (failed > 0) {
            out.append(", ").append(failed).append(" could not be healed and ").append(failed == 1 ? "is" : "are")
                .append(" still in force (the FAILED lines above say why)");
        }
        return out.append('.').toString();
    }

    /** One fault and what cleanup did about it. */
    public record Item(String id, String type, String target, Instant injectedAt, HealResult result) {
    }
}
