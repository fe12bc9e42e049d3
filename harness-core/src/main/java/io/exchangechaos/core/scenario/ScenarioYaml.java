package io.exchangechaos.core.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.exchangechaos.core.scenario.Budget.ErrorRatioBudget;
import io.exchangechaos.core.scenario.Budget.LatencyBudget;
import io.exchangechaos.core.scenario.FaultTarget.LinkListTarget;
import io.exchangechaos.core.scenario.FaultTarget.WanLinksTarget;
import io.exchangechaos.core.yaml.Durations;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Writes a scenario as the YAML {@link Scenarios#parse} reads: reading it back gives an equal scenario. */
public final class ScenarioYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScenarioYaml() {
    }

    public static String write(Scenario s) {
        ObjectNode root = NODES.objectNode();
        root.put("name", s.name());
        if (!s.description().isEmpty()) {
            root.put("description", s.description());
        }
        if (!s.incident().isEmpty()) {
            root.put("incident", s.incident());
        }
        ObjectNode target = root.putObject("target");
        target.put("topology", s.target().topology().spec());
        target.put("weakness", s.target().weakness().id());
        root.set("load", load(s.load()));
        ObjectNode steady = root.putObject("steadyState");
        steady.put("within", fmt(s.steadyState().within()));
        steady.put("holdFor", fmt(s.steadyState().holdFor()));
        steady.put("maxErrorRatio", s.steadyState().maxErrorRatio());
        if (!s.timeline().isEmpty()) {
            ArrayNode timeline = root.putArray("timeline");
            s.timeline().forEach(step -> timeline.add(step(step)));
        }
        if (!s.budgets().isEmpty()) {
            root.set("budgets", budgets(s.budgets()));
        }
        if (!s.defaultInvariants()) {
            ArrayNode invariants = root.putArray("invariants");
            s.invariants().forEach(i -> invariants.add(i.id()));
        }
        if (!s.abort().isEmpty()) {
            ArrayNode abort = root.putArray("abort");
            for (AbortCondition a : s.abort()) {
                abort.addObject().put("errorRatioAbove", a.errorRatioAbove()).put("for", fmt(a.holdsFor()));
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode load(Load load) {
        ObjectNode node = NODES.objectNode();
        node.put("rate", load.rate().toString());
        node.put("rampUp", fmt(load.rampUp()));
        node.put("duration", fmt(load.duration()));
        node.putObject("mix").put("limit", load.mix().limit()).put("market", load.mix().market()).put("cancel", load.mix().cancel());
        if (!load.symbols().isEmpty()) {
            ArrayNode symbols = node.putArray("symbols");
            load.symbols().forEach(symbols::add);
        }
        node.put("accounts", load.accounts());
        node.put("requestTimeout", fmt(load.requestTimeout()));
        if (!load.surges().isEmpty()) {
            ArrayNode surges = node.putArray("surges");
            for (Surge surge : load.surges()) {
                surges.addObject().put("at", fmt(surge.at())).put("rate", surge.rate().toString()).put("duration", fmt(surge.duration()));
            }
        }
        return node;
    }

    private static ObjectNode step(TimelineStep step) {
        ObjectNode node = NODES.objectNode();
        node.put("name", step.name());
        node.put("at", fmt(step.at()));
        node.put("fault", FaultKinds.registered().of(step.fault()).id());
        ObjectNode target = node.putObject("target");
        FaultTarget t = step.target();
        if (t instanceof WanLinksTarget) {
            target.put("links", "wan");
        } else if (t instanceof LinkListTarget list) {
            ArrayNode links = target.putArray("links");
            list.links().forEach(links::add);
        } else if (t instanceof FaultTarget.BetweenTarget between) {
            ArrayNode regions = target.putArray("between");
            between.regions().forEach(regions::add);
        } else {
            target.put(t.kind().id(), value(t));
        }
        step.duration().ifPresent(d -> node.put("duration", fmt(d)));
        ObjectNode params = params(step.fault());
        if (!params.isEmpty()) {
            node.set("params", params);
        }
        return node;
    }

    private static String value(FaultTarget t) {
        if (t instanceof FaultTarget.ServiceTarget x) {
            return x.service();
        } else if (t instanceof FaultTarget.RegionTarget x) {
            return x.region();
        } else if (t instanceof FaultTarget.LinkTarget x) {
            return x.link();
        } else if (t instanceof FaultTarget.DnsTarget x) {
            return x.names();
        } else if (t instanceof FaultTarget.DependencyTarget x) {
            return x.service();
        } else {
            return ((FaultTarget.ConfigTarget) t).service();
        }
    }

    private static ObjectNode params(Fault<?> fault) {
        return YAML.valueToTree(FaultKinds.registered().write(fault));
    }

    private static ObjectNode budgets(Budgets budgets) {
        ObjectNode node = NODES.objectNode();
        if (!budgets.latency().isEmpty()) {
            ArrayNode latency = node.putArray("latency");
            for (LatencyBudget b : budgets.latency()) {
                latency.addObject().put("operation", b.operation().id()).put("phase", b.phase().id())
                        .put("percentile", b.percentile().id()).put("max", fmt(b.max()));
            }
        }
        if (!budgets.errorRatio().isEmpty()) {
            ArrayNode errorRatio = node.putArray("errorRatio");
            for (ErrorRatioBudget b : budgets.errorRatio()) {
                errorRatio.addObject().put("operation", b.operation().id()).put("phase", b.phase().id()).put("max", b.max());
            }
        }
        budgets.recovery().ifPresent(r -> node.putObject("recovery").put("max", fmt(r.max())).put("window", fmt(r.window()))
                .put("percentile", r.percentile().id()).put("latency", fmt(r.latency())).put("maxErrorRatio", r.maxErrorRatio()));
        budgets.indeterminate().ifPresent(i -> node.putObject("indeterminate").put("max", i.max()));
        return node;
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }
}
