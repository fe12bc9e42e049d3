package io.exchangechaos.fault.network;

import io.exchangechaos.core.scenario.FaultKind;
import io.exchangechaos.core.scenario.FaultParams;
import io.exchangechaos.core.scenario.ParamChecks;
import io.exchangechaos.core.scenario.ParamsSchema;
import io.exchangechaos.core.scenario.TargetFamily;
import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code fault: slice} on links: see {@link Slice}. */
public final class SliceKind implements FaultKind<Slice> {

    @Override
    public String id() {
        return "slice";
    }

    @Override
    public Class<Slice> type() {
        return Slice.class;
    }

    @Override
    public TargetFamily family() {
        return TargetFamily.LINKS;
    }

    @Override
    public List<String> params() {
        return List.of("averageSize", "sizeVariation", "delay");
    }

    @Override
    public Slice read(FaultParams p) {
        p.require("averageSize", "averageSize: 8");
        return new Slice(p.integer("averageSize", "write averageSize: 8").map(Integer::longValue).orElse(0L),
            p.integer("sizeVariation", "write sizeVariation: 4").map(Integer::longValue).orElse(0L),
            p.duration("delay", Duration.ZERO));
    }

    @Override
    public void validate(Slice f, ParamChecks checks) {
        if (f.averageSize() < 1) {
            checks.report("averageSize", f.averageSize(), "must be at least 1; give bytes per segment, e.g. 8");
        }
        if (f.sizeVariation() < 0) {
            checks.report("sizeVariation", f.sizeVariation(), "must not be negative");
        } else if (f.averageSize() >= 1 && f.sizeVariation() >= f.averageSize()) {
            checks.report("sizeVariation", f.sizeVariation(), "not less than averageSize [" + f.averageSize()
                + "], which would make empty segments; lower it");
        }
        checks.notNegative("delay", f.delay());
    }

    @Override
    public Map<String, Object> write(Slice f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("averageSize", f.averageSize());
        if (f.sizeVariation() != 0) {
            p.put("sizeVariation", f.sizeVariation());
        }
        if (!f.delay().isZero()) {
            p.put("delay", Durations.format(f.delay()));
        }
        return p;
    }

    @Override
    public Map<String, Object> paramsSchema() {
        return ParamsSchema.of(List.of("averageSize"),
            "averageSize", ParamsSchema.obj("description", "Bytes per segment on average.", "type", "integer", "minimum", 1),
            "sizeVariation", ParamsSchema.obj("description", "How many bytes a segment may be longer or shorter; less than"
                + " averageSize. Default 0.", "type", "integer", "minimum", 0),
            "delay", ParamsSchema.duration("Between two segments. Default 0s."));
    }

    @Override
    public String summary() {
        return "data cut into small segments";
    }

    @Override
    public String describe(Slice f) {
        return id() + " " + f.averageSize() + " B" + (f.sizeVariation() == 0 ? "" : " ±" + f.sizeVariation() + " B")
            + (f.delay() == null || f.delay().isZero() ? "" : " every " + Durations.format(f.delay()));
    }

    @Override
    public String effect(Slice f) {
        return "data over the links arrives in small segments (" + describe(f) + ")";
    }
}
