package io.exchangechaos.core.junit;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Runs the class's {@link ChaosScenario} once, before its tests, and resolves its outcome as a parameter. */
public final class ChaosExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChaosExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ChaosScenario annotation = context.getRequiredTestClass().getAnnotation(ChaosScenario.class);
        if (annotation == null) {
            throw new IllegalStateException("No @ChaosScenario on [" + context.getRequiredTestClass().getName()
                + "]; annotate the class with @ChaosScenario(\"region-loss\") or a scenario file path");
        }
        Path file = Path.of(annotation.value());
        Scenario scenario = Files.isRegularFile(file) ? Scenarios.load(file) : Scenarios.parse(library(annotation.value()),
            annotation.value() + ".yaml");
        RunOptions options = RunOptions.defaults().withOutRoot(Path.of(annotation.out()));
        if (!annotation.topology().isEmpty()) {
            options = options.withTopology(TopologyRef.of(annotation.topology()));
        }
        if (!annotation.weakness().isEmpty()) {
            String w = annotation.weakness();
            options = options.withWeakness(Weakness.fromId(w).orElseThrow(() -> new IllegalArgumentException(
                "@ChaosScenario weakness [" + w + "] is not a weakness; use one of " + Weakness.ids())));
        }
        ScenarioRunner.Result result = new ScenarioRunner(options).run(scenario, Files.isRegularFile(file) ? file : null);
        context.getStore(NS).put("result", result);
    }

    private static String library(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("@ChaosScenario [" + name + "] is neither a file nor a library scenario"
                    + " (class-path resource scenarios/" + name + ".yaml); give a path or put the scenarios module on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == RunOutcome.class || type == ScenarioRunner.Result.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ScenarioRunner.Result result = e.getStore(NS).get("result", ScenarioRunner.Result.class);
        if (result == null) {
            throw new ParameterResolutionException("No scenario outcome for parameter [" + p.getParameter().getName()
                + "]: the scenario did not run (see the failure of beforeAll)");
        }
        return p.getParameter().getType() == RunOutcome.class ? result.outcome() : result;
    }
}
