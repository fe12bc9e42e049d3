package io.exchangechaos.core.scenario;

import io.exchangechaos.core.scenario.Budget.ErrorRatioBudget;
import io.exchangechaos.core.scenario.Budget.IndeterminateBudget;
import io.exchangechaos.core.scenario.Budget.LatencyBudget;
import io.exchangechaos.core.scenario.Budget.RecoveryBudget;
import io.exchangechaos.core.scenario.FaultTarget.ConfigTarget;
import io.exchangechaos.core.scenario.FaultTarget.DependencyTarget;
import io.exchangechaos.core.scenario.FaultTarget.DnsTarget;
import io.exchangechaos.core.scenario.FaultTarget.LinkListTarget;
import io.exchangechaos.core.scenario.FaultTarget.LinkTarget;
import io.exchangechaos.core.scenario.FaultTarget.RegionTarget;
import io.exchangechaos.core.scenario.FaultTarget.ServiceTarget;
import io.exchangechaos.core.scenario.FaultTarget.WanLinksTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Static factories of the Java DSL, and the operations and phases budgets name;
 * {@code import static io.exchangechaos.core.scenario.ScenarioDsl.*}.
 *
 * <pre>{@code
 * Scenario.named("wan-degradation")
 *     .on(Topologies.MULTI_REGION)
 *     .load(openLoad().rate(150).perSecond().rampUp(ofSeconds(5)).during(ofSeconds(60))
 *             .mix(limit(0.7).market(0.1).cancel(0.2)).symbols("BTC-USD", "ETH-USD"))
 *     .timeline(at(ofSeconds(15)).inject(latency(ofMillis(150)).jitter(ofMillis(50))).on(wanLinks()).lasting(ofSeconds(30)))
 *     .budgets(p99(PLACE).during(FAULT).atMost(ofSeconds(1)), errorRatio(ANY).during(FAULT).atMost(0.01))
 *     .build();
 * }</pre>
 */
public final class ScenarioDsl {

    /** Placing an order, for budgets: {@code p99(PLACE)}. */
    public static final OrderOperation PLACE = OrderOperation.PLACE;
    /** Cancelling an order. */
    public static final OrderOperation CANCEL = OrderOperation.CANCEL;
    /** Querying an order. */
    public static final OrderOperation QUERY = OrderOperation.QUERY;
    /** Every operation together. */
    public static final OrderOperation ANY = OrderOperation.ANY;

    /** From the start of the load to the first fault, for budgets: {@code during(BASELINE)}. */
    public static final Phase BASELINE = Phase.BASELINE;
    /** From the first fault injected to the last one healed. */
    public static final Phase FAULT = Phase.FAULT;
    /** From the last fault healed to the end of the load. */
    public static final Phase RECOVERY = Phase.RECOVERY;
    /** The whole load. */
    public static final Phase OVERALL = Phase.OVERALL;

    private ScenarioDsl() {
    }

    // --- load ---

    /** An open-model load: {@code openLoad().rate(200).perSecond().rampUp(ofSeconds(5)).during(ofSeconds(60))}. */
    public static Load.Open openLoad() {
        return new Load.Open();
    }

    /** The order mix: {@code limit(0.7).market(0.1).cancel(0.2)}. */
    public static Mix.WithLimit limit(double share) {
        return new Mix.WithLimit(share);
    }

    /** A burst on top of the load: {@code surgeAt(ofSeconds(45)).rate(1000).perSecond().during(ofSeconds(3))}. */
    public static Surge.At surgeAt(Duration at) {
        return new Surge.At(at);
    }

    /** {@code steadyStateWithin(ofSeconds(30)).holdingFor(ofSeconds(3)).errorRatioAtMost(0.0)}. */
    public static SteadyState.Within steadyStateWithin(Duration within) {
        return new SteadyState.Within(within);
    }

    // --- timeline ---

    /** A timeline step: {@code at(ofSeconds(20)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(25))}. */
    public static TimelineStep.At at(Duration at) {
        return new TimelineStep.At(at);
    }

    public static Fault.Kill kill() {
        return new Fault.Kill();
    }

    public static Fault.Terminate terminate() {
        return new Fault.Terminate();
    }

    public static Fault.Freeze freeze() {
        return new Fault.Freeze();
    }

    public static Fault.Restart restart() {
        return new Fault.Restart();
    }

    /** Latency on links, both directions, no jitter; refine with {@code .jitter(…)} and {@code .stream(…)}. */
    public static Fault.Latency latency(Duration latency) {
        return new Fault.Latency(latency, Duration.ZERO, LinkStream.BOTH);
    }

    public static Fault.Bandwidth bandwidth(long rateKBps) {
        return new Fault.Bandwidth(rateKBps);
    }

    public static Fault.Blackhole blackhole() {
        return new Fault.Blackhole();
    }

    public static Fault.Reset reset() {
        return new Fault.Reset();
    }

    public static Fault.Partition partition() {
        return new Fault.Partition();
    }

    public static Fault.SlowClose slowClose(Duration delay) {
        return new Fault.SlowClose(delay);
    }

    /** DNS answers in {@code mode}; for {@link DnsMode#LATENCY} use {@link #dnsLatency}. */
    public static Fault.Dns dnsAnswers(DnsMode mode) {
        return new Fault.Dns(mode, Optional.empty());
    }

    public static Fault.Dns dnsLatency(Duration latency) {
        return new Fault.Dns(DnsMode.LATENCY, Optional.of(latency));
    }

    public static Fault.Dependency dependencyDelay(Duration delay) {
        return new Fault.Dependency(DependencyMode.DELAY, Optional.of(delay), Optional.empty(), Optional.empty());
    }

    public static Fault.Dependency dependencyRandomDelay(Duration maxDelay) {
        return new Fault.Dependency(DependencyMode.RANDOM_DELAY, Optional.of(maxDelay), Optional.empty(), Optional.empty());
    }

    public static Fault.Dependency dependencyDribble(Duration over) {
        return new Fault.Dependency(DependencyMode.DRIBBLE, Optional.of(over), Optional.empty(), Optional.empty());
    }

    public static Fault.Dependency dependencyError(int status) {
        return new Fault.Dependency(DependencyMode.ERROR, Optional.empty(), Optional.of(status), Optional.empty());
    }

    /** A dependency fault that takes no delay or status: connection-reset, empty-response, malformed-chunk. */
    public static Fault.Dependency dependencyFault(DependencyMode mode) {
        return new Fault.Dependency(mode, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Fault.ConfigPush configPush(ConfigKind kind) {
        return new Fault.ConfigPush(kind, Optional.empty());
    }

    /** Pushes the config in {@code file} (relative to the scenario file). */
    public static Fault.ConfigPush configPushFile(String file) {
        return new Fault.ConfigPush(ConfigKind.FILE, Optional.of(file));
    }

    // --- targets ---

    public static ServiceTarget service(String name) {
        return new ServiceTarget(name);
    }

    /** The engine leader, whichever it is when the fault is injected. */
    public static ServiceTarget leader() {
        return new ServiceTarget(FaultTarget.LEADER);
    }

    public static RegionTarget region(String name) {
        return new RegionTarget(name);
    }

    /** The region of the engine leader when the fault is injected. */
    public static RegionTarget leaderRegion() {
        return new RegionTarget(FaultTarget.LEADER);
    }

    /** Everything between regions {@code a} and {@code b}, for a partition: {@code partition()} on {@code between("r1", "r2")}. */
    public static FaultTarget.BetweenTarget between(String a, String b) {
        return new FaultTarget.BetweenTarget(List.of(a, b));
    }

    public static LinkTarget link(String name) {
        return new LinkTarget(name);
    }

    public static LinkListTarget links(String... names) {
        return new LinkListTarget(List.of(names));
    }

    public static WanLinksTarget wanLinks() {
        return new WanLinksTarget();
    }

    /** DNS records matching {@code pattern}, where {@code *} is one label: {@code dnsNames("engine.*.exchange.test")}. */
    public static DnsTarget dnsNames(String pattern) {
        return new DnsTarget(pattern);
    }

    public static DependencyTarget dependency(String service) {
        return new DependencyTarget(service);
    }

    public static ConfigTarget config(String service) {
        return new ConfigTarget(service);
    }

    // --- budgets ---

    public static LatencyBudget.Of percentile(Percentile percentile, OrderOperation operation) {
        return new LatencyBudget.Of(percentile, operation);
    }

    public static LatencyBudget.Of p50(OrderOperation operation) {
        return percentile(Percentile.P50, operation);
    }

    public static LatencyBudget.Of p90(OrderOperation operation) {
        return percentile(Percentile.P90, operation);
    }

    public static LatencyBudget.Of p99(OrderOperation operation) {
        return percentile(Percentile.P99, operation);
    }

    public static LatencyBudget.Of p999(OrderOperation operation) {
        return percentile(Percentile.P999, operation);
    }

    public static ErrorRatioBudget.Of errorRatio(OrderOperation operation) {
        return new ErrorRatioBudget.Of(operation);
    }

    /**
     * Recovery within {@code max} of each fault's injection, judged by the defaults (a 3 s window of p99 at most 1 s
     * and at most 1 % errors): a complete budget, or refined with
     * {@code .once(P99).atMost(ofMillis(200)).withErrorRatioAtMost(0.01).holdingFor(ofSeconds(3))}.
     */
    public static RecoveryBudget recoveryWithin(Duration max) {
        return RecoveryBudget.within(max);
    }

    public static IndeterminateBudget indeterminateAtMost(int max) {
        return new IndeterminateBudget(max);
    }

    // --- abort ---

    /** {@code errorRatioAbove(0.9).sustainedFor(ofSeconds(15))}. */
    public static AbortCondition.Above errorRatioAbove(double ratio) {
        return new AbortCondition.Above(ratio);
    }
}
