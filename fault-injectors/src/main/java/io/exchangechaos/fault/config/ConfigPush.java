package io.exchangechaos.fault.config;

import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A config push as a fault: {@code POST {url}/config} with an {@code X-Config-Note} naming the fault, healed by
 * {@code POST {url}/config/rollback} while the pushed content is still in force.
 *
 * <pre>{@code
 * ConfigPush config = ConfigPush.connect("http://127.0.0.30:8500", recorder);
 * try (InjectedFault bad = config.push(BadConfig.OVERSIZED)) { awaitGatewaysReload(); ... }
 * }</pre>
 */
public final class ConfigPush {
    private final ConfigServiceClient client;
    private final FaultRecorder recorder;

    private ConfigPush(ConfigServiceClient client, FaultRecorder recorder) {
        this.client = client;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    public static ConfigPush connect(String configUrl, FaultRecorder recorder) {
        return new ConfigPush(new ConfigServiceClient(configUrl), recorder);
    }

    public String configUrl() {
        return client.baseUrl();
    }

    /** The config body in force. */
    public String currentConfig() {
        try {
            return client.current().body();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Builds {@code bad} from the config in force and pushes it. */
    public InjectedFault push(BadConfig bad) {
        return push(bad.from(currentConfig()), bad.name().toLowerCase(Locale.ROOT) + " config: " + bad.description());
    }

    /** Pushes {@code body}; {@code note} goes into the service's history next to the fault id. */
    public InjectedFault push(String body, String note) {
        Objects.requireNonNull(body, "body");
        int before;
        try {
            before = client.current().version();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        FaultRecorder.Plan plan = recorder.plan("config.push", "config " + client.baseUrl(),
            id -> new ConfigRecipes.RollbackConfig(client.baseUrl(), before, 0, "chaos " + id));
        ConfigRecipes.RollbackConfig intent = (ConfigRecipes.RollbackConfig) plan.heal();
        return recorder.inject(plan, refine -> {
            int pushed = client.push(body, intent.note() + ": " + (note == null ? "push" : note));
            refine.recipe(intent.withPushedVersion(pushed));
        });
    }
}
