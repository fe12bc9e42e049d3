package io.exchangechaos.backend.docker;

import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackRequest;
import io.exchangechaos.fault.container.ContainerSweep;
import java.util.List;

/** {@code --backend docker}: every service in its own container ({@link DockerStack}). */
public final class DockerBackend implements Backend {
    public static final String NAME = "docker";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stack start(StackRequest request) {
        DockerStack.Options defaults = DockerStack.Options.defaults();
        return DockerStack.start(request.topology(), request.weakness(), request.runDir(), request.recorder(),
            new DockerStack.Options(request.healthTimeout().orElse(defaults.healthTimeout())));
    }

    /** Containers and networks of docker runs whose harness is gone (all of them with {@code all}). */
    @Override
    public List<String> sweepLeftovers(boolean all) {
        return ContainerSweep.removeLeftovers(all);
    }
}
