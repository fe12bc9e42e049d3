package io.exchangechaos.core.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run proved, as data: what report.json carries (see CONTRACTS.md). Latencies are milliseconds.
 *
 * @param reasons    why the verdict is what it is, one line each, worst first
 * @param redactions how many distinct secret values of each kind were redacted from what the run wrote before its
 *                   reports ({@code auth-token: 1}), never the values; empty when none, null when not redacted
 * @param signature  the key that signs the run's manifest; null for an unsigned run
 */
public record RunOutcome(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                         String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                         List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                         Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                         List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                         LoadQuality load, List<Note> notes, Environment environment, Map<String, Integer> redactions,
                         SignatureInfo signature) {

    public RunOutcome {
        redactions = redactions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(redactions));
    }

    /** An unsigned outcome not (yet) redacted. */
    public RunOutcome(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                      String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                      List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                      Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                      List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                      LoadQuality load, List<Note> notes, Environment environment) {
        this(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons, budgets, invariants,
            orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes, environment, null, null);
    }

    /** This outcome with the tally of what was redacted from it. */
    public RunOutcome withRedactions(Map<String, Integer> counts) {
        return new RunOutcome(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons,
            budgets, invariants, orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes,
            environment, counts, signature);
    }

    /**
     * This outcome INCONCLUSIVE (unless it was worse already) because of {@code reason}, which joins its reasons: what
     * the run could not do after its verdict was reached (its reports not written) still keeps it from passing.
     */
    public RunOutcome inconclusiveBecause(String reason) {
        List<String> why = new ArrayList<>(reasons == null ? List.of() : reasons);
        why.removeIf(r -> r.startsWith("PASS"));
        why.add("INCONCLUSIVE: " + reason);
        return new RunOutcome(runId, scenario, topology, backend, weakness, startedAt, finishedAt,
            verdict.and(Verdict.INCONCLUSIVE), List.copyOf(why), budgets, invariants, orders, latency, recovery, faults,
            phases, perSecond, steadyState, load, notes, environment, redactions, signature);
    }

    /** This outcome, saying that {@code signer}'s key signs the run's manifest. */
    public RunOutcome signedBy(SignatureInfo signer) {
        return new RunOutcome(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons,
            budgets, invariants, orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes,
            environment, redactions, signer);
    }

    public record ScenarioInfo(String name, String file, String sha256, String incident, String description) {
    }

    /**
     * @param observed null when it could not be measured (then the verdict is INCONCLUSIVE)
     * @param detail   the sentence a reader needs: observed against limit, and the fault window it fell in
     */
    public record BudgetResult(String name, String phase, Double limit, Double observed, String unit, Verdict verdict,
                               String detail) {
    }

    public record InvariantResult(String name, Verdict verdict, long violations, List<String> examples, String detail) {
    }

    /**
     * @param resolved indeterminate operations whose outcome reconciliation established
     * @param lost     acknowledged orders absent from the exchange
     */
    public record Orders(long sent, long acked, long rejected, long failed, long indeterminate, long resolved,
                         long lost, long duplicated) {
    }

    public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {
    }

    /**
     * @param seconds from the last heal to the first window meeting the SLO; null when it never recovered, or when it
     *                was not measured ({@link #NO_BUDGET})
     */
    public record Recovery(Double seconds, String detail) {
        /** The detail of a recovery not measured: the scenario sets no recovery budget. */
        public static final String NO_BUDGET = "no recovery budget";
    }

    /**
     * One fault of the run. {@code startSecond} is when it was in effect, {@code dueSecond} the offset the timeline
     * gave it (so their difference is how late it landed); both in seconds from the start of the load.
     */
    public record FaultWindow(String name, String type, String target, String injectedAt, String healedAt,
                              double startSecond, Double endSecond, String error, Double dueSecond) {
    }

    public record PhaseWindow(String phase, double startSecond, double endSecond) {
    }

    /** @param t seconds since the load started */
    public record SecondStats(long t, long sent, long ok, long failed, double p50, double p99) {
    }

    public record SteadyStates(SteadyStateResult before, SteadyStateResult after) {
    }

    public record SteadyStateResult(boolean held, double seconds, String detail) {
    }

    /**
     * How well the load generator kept to its own schedule: a harness that fell behind cannot vouch for the
     * latencies it saw.
     *
     * @param canarySamples   requests the load generator sent, alongside the orders, to a stand-in on loopback that
     *                        answers at once; null when the run had none
     * @param canaryP99Millis their p99 latency: the harness's own share of every latency it measured; null without
     */
    public record LoadQuality(long planned, long started, double lagP99Millis, double lagMaxMillis, boolean trustworthy,
                              String detail,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              Long canarySamples,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              Double canaryP99Millis) {
        public LoadQuality(long planned, long started, double lagP99Millis, double lagMaxMillis, boolean trustworthy,
                           String detail) {
            this(planned, started, lagP99Millis, lagMaxMillis, trustworthy, detail, null, null);
        }
    }

    public record Note(String at, String author, String text) {
    }

    /**
     * Who signs the run: the manifest's detached signature ({@code manifest.sig}) is checked against a public key
     * whose id this is.
     *
     * @param keyId     the first 16 hex digits of the SHA-256 of the public key's X.509 (DER) encoding
     * @param algorithm {@code Ed25519}
     */
    public record SignatureInfo(String keyId, String algorithm) {
    }

    /**
     * @param variables    the environment variables that configure the run ({@code CHAOS_*}), secrets redacted
     * @param jvmArguments the harness JVM's arguments, secrets redacted
     */
    public record Environment(String javaVersion, String os, int cpus, String gitCommit, String harnessVersion,
                              String hostname, Map<String, String> variables, List<String> jvmArguments) {
        public Environment {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
            jvmArguments = jvmArguments == null ? List.of() : List.copyOf(jvmArguments);
        }

        public Environment(String javaVersion, String os, int cpus, String gitCommit, String harnessVersion,
                           String hostname) {
            this(javaVersion, os, cpus, gitCommit, harnessVersion, hostname, Map.of(), List.of());
        }
    }
}
