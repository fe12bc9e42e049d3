package io.exchangechaos.backend.local;

import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackRequest;
import java.time.Duration;

/** {@code --backend local}: every service its own process on this machine ({@link LocalStack}). */
public final class LocalBackend implements Backend {
    public static final String NAME = "local";
    /** A run's services get this long to be healthy: eight JVMs start at once on a small machine. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stack start(StackRequest request) {
        return LocalStack.start(request.topology(), request.weakness(), request.runDir(), request.recorder(),
            new LocalStack.Options(request.toxiproxy(), request.healthTimeout().orElse(HEALTH_TIMEOUT)));
    }
}
