package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario that can't be run; carries every problem found, and lists them one per line in its message. */
public class ScenarioDefinitionException extends RuntimeException {

    private final List<Problem> problems;

    public ScenarioDefinitionException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
