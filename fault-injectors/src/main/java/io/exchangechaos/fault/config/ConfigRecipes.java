package io.exchangechaos.fault.config;

import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The heal recipe of config pushes, and how it heals through the config service's rollback. */
public final class ConfigRecipes {

    private ConfigRecipes() {
    }

    /**
     * Undo a config push with {@code POST {configUrl}/config/rollback}, but only while the pushed content is still
     * current. {@code versionBefore} was current before the push; {@code pushedVersion} is 0 until the service has
     * answered; {@code note} (sent as X-Config-Note, carrying the fault id) finds the push when it is 0.
     */
    public record RollbackConfig(String configUrl, int versionBefore, int pushedVersion, String note) implements HealRecipe {
        public RollbackConfig {
            Objects.requireNonNull(configUrl, "configUrl");
        }

        public RollbackConfig withPushedVersion(int version) {
            return new RollbackConfig(configUrl, versionBefore, version, note);
        }
    }

    /** {@code rollback-config}. */
    public static final class RollbackConfigKind extends HealRecipeKind.Basic<RollbackConfig> {
        public RollbackConfigKind() {
            super("rollback-config", RollbackConfig.class, 6);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(RollbackConfig r, Set<String> over) {
            return Cleanup.neverInForce(r.configUrl());
        }

        @Override
        public HealResult heal(RollbackConfig r, HealContext cx) throws IOException {
            ConfigServiceClient client = new ConfigServiceClient(r.configUrl(), cx.timeout());
            ConfigServiceClient.Current current = client.current();
            String currentSha = ConfigServiceClient.sha256(current.body());
            List<ConfigServiceClient.VersionInfo> history = client.history();
            Optional<ConfigServiceClient.VersionInfo> before = history.stream().filter(v -> v.version() == r.versionBefore()).findFirst();
            Optional<ConfigServiceClient.VersionInfo> pushed = r.pushedVersion() > 0
                ? history.stream().filter(v -> v.version() == r.pushedVersion()).findFirst()
                : history.stream().filter(v -> r.note() != null && v.note().contains(r.note())).findFirst();
            if (pushed.isEmpty()) {
                return HealResult.alreadyGone("the push never reached the config service at " + r.configUrl());
            }
            if (before.isPresent() && before.get().sha256().equals(currentSha)) {
                return HealResult.alreadyGone("config v" + current.version() + " in force has the content of v" + r.versionBefore());
            }
            if (!pushed.get().sha256().equals(currentSha)) {
                return HealResult.failed("config v" + current.version() + " in force is neither the pushed v" + pushed.get().version()
                    + " nor v" + r.versionBefore() + " from before it: someone pushed since; check " + r.configUrl()
                    + "/config/history and roll back by hand with POST " + r.configUrl() + "/config/rollback");
            }
            int restored = client.rollback();
            return HealResult.healed("rolled config back: v" + restored + " restores v" + r.versionBefore()
                + " over the pushed v" + pushed.get().version());
        }
    }
}
