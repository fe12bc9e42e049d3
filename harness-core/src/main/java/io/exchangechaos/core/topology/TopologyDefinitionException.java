package io.exchangechaos.core.topology;

import io.exchangechaos.core.yaml.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A topology file that can't be used; carries every problem, one per line in the message. */
public class TopologyDefinitionException extends RuntimeException {

    private final List<Problem> problems;

    public TopologyDefinitionException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
