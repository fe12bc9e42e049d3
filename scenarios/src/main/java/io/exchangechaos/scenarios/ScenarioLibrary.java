package io.exchangechaos.scenarios;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The incident replays shipped with exchange-chaos, read from the class path. */
public final class ScenarioLibrary {
    public static final List<String> NAMES = List.of("dns-empty-record", "region-loss", "bad-config-push",
        "region-blackhole", "dependency-latency", "wan-degradation", "leader-flapping", "recovery-herd", "region-partition");

    private ScenarioLibrary() {
    }

    /** The scenario's YAML as shipped, or empty when no library scenario has that name. */
    public static Optional<String> yaml(String name) {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario load(String name) {
        String yaml = yaml(name).orElseThrow(() -> new IllegalArgumentException(
            "no library scenario [" + name + "]; the library has " + NAMES));
        return Scenarios.parse(yaml, name + ".yaml");
    }
}
