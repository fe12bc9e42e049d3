package io.exchangechaos.fault.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to heal a fault with no live objects: everything a later process needs is in the record. Written to the
 * ledger as JSON with a {@code kind} tag, so a run that crashed can be healed by {@code ./chaos cleanup} alone.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HealRecipe.RemoveToxics.class, name = "remove-toxics"),
    @JsonSubTypes.Type(value = HealRecipe.EnableProxy.class, name = "enable-proxy"),
    @JsonSubTypes.Type(value = HealRecipe.DeleteProxies.class, name = "delete-proxies"),
    @JsonSubTypes.Type(value = HealRecipe.RemoveDnsFault.class, name = "remove-dns-fault"),
    @JsonSubTypes.Type(value = HealRecipe.ThawProcess.class, name = "thaw-process"),
    @JsonSubTypes.Type(value = HealRecipe.RestartProcess.class, name = "restart-process"),
    @JsonSubTypes.Type(value = HealRecipe.RemoveStub.class, name = "remove-stub"),
    @JsonSubTypes.Type(value = HealRecipe.RollbackConfig.class, name = "rollback-config"),
    @JsonSubTypes.Type(value = HealRecipe.StopProcess.class, name = "stop-process"),
    @JsonSubTypes.Type(value = HealRecipe.UnpauseContainer.class, name = "unpause-container"),
    @JsonSubTypes.Type(value = HealRecipe.StartContainer.class, name = "start-container"),
    @JsonSubTypes.Type(value = HealRecipe.ConnectNetwork.class, name = "connect-network"),
    @JsonSubTypes.Type(value = HealRecipe.SetLinkUp.class, name = "set-link-up"),
    @JsonSubTypes.Type(value = HealRecipe.All.class, name = "all"),
})
public sealed interface HealRecipe {

    /**
     * Where this step goes when {@code Cleanup} heals many faults at once: frozen processes first (nothing else can
     * be checked while they hang), processes a run started last.
     */
    @JsonIgnore
    int cleanupOrder();

    /** Every single step, composites flattened. */
    @JsonIgnore
    default List<HealRecipe> steps() {
        return List.of(this);
    }

    /**
     * Remove these toxics from a proxy of the Toxiproxy API at {@code apiUrl} (embedded or real). {@code holder} is
     * {@code pid:startTicks} of the process that serves the API when that is the injecting JVM itself (the embedded
     * server), else null: once that process is gone, so are its proxies and their toxics.
     */
    record RemoveToxics(String apiUrl, String proxy, List<String> toxics,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String holder) implements HealRecipe {
        public RemoveToxics {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(proxy, "proxy");
            toxics = List.copyOf(toxics);
        }

        public RemoveToxics(String apiUrl, String proxy, List<String> toxics) {
            this(apiUrl, proxy, toxics, null);
        }

        @Override
        public int cleanupOrder() {
            return 2;
        }
    }

    /** Re-enable a proxy that a partition disabled; {@code holder} as in {@link RemoveToxics}. */
    record EnableProxy(String apiUrl, String proxy, @JsonInclude(JsonInclude.Include.NON_NULL) String holder)
        implements HealRecipe {
        public EnableProxy {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(proxy, "proxy");
        }

        public EnableProxy(String apiUrl, String proxy) {
            this(apiUrl, proxy, null);
        }

        @Override
        public int cleanupOrder() {
            return 3;
        }
    }

    /**
     * Delete the proxies a run created on an external Toxiproxy (one it did not start), so their listening ports are
     * free again; with the processes a run started.
     */
    record DeleteProxies(String apiUrl, List<String> proxies) implements HealRecipe {
        public DeleteProxies {
            Objects.requireNonNull(apiUrl, "apiUrl");
            proxies = List.copyOf(proxies);
        }

        @Override
        public int cleanupOrder() {
            return 7;
        }
    }

    /**
     * Remove a DNS fault. The server assigns the id after the fault is applied, so the intent (pattern and mode) is
     * recorded first with {@code faultId} null, then updated; with no id, every fault with this pattern and mode is
     * removed. {@code holder} is {@code pid:startTicks} of the process serving the control API when that is the
     * injecting JVM (the run's embedded DNS server), else null: once that process is gone, so is the fault.
     */
    record RemoveDnsFault(String controlUrl, String pattern, String mode, String faultId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String holder) implements HealRecipe {
        public RemoveDnsFault {
            Objects.requireNonNull(controlUrl, "controlUrl");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(mode, "mode");
        }

        public RemoveDnsFault(String controlUrl, String pattern, String mode, String faultId) {
            this(controlUrl, pattern, mode, faultId, null);
        }

        public RemoveDnsFault withFaultId(String id) {
            return new RemoveDnsFault(controlUrl, pattern, mode, id, holder);
        }

        @Override
        public int cleanupOrder() {
            return 4;
        }
    }

    /**
     * Send SIGCONT to a frozen process. {@code startTicks} is field 22 of {@code /proc/PID/stat}: a pid recycled by
     * another process has another start time and is left alone.
     */
    record ThawProcess(String name, long pid, long startTicks) implements HealRecipe {
        @Override
        public int cleanupOrder() {
            return 0;
        }
    }

    /**
     * Start a killed service again with the same command line, output appended to its log. {@code startedBy} is the
     * ledger id of the entry that started the process when the harness started it (else null): if that entry is
     * itself being cleaned up, the run that owned the service is gone and the service is not brought back.
     */
    record RestartProcess(String name, List<String> command, String workingDir, Map<String, String> environment,
                          String logFile, String startedBy) implements HealRecipe {
        public RestartProcess {
            command = List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        @Override
        public int cleanupOrder() {
            return 1;
        }
    }

    /** Remove the WireMock stub with this id (assigned by the harness before it was added). */
    record RemoveStub(String adminUrl, String stubId) implements HealRecipe {
        public RemoveStub {
            Objects.requireNonNull(adminUrl, "adminUrl");
            Objects.requireNonNull(stubId, "stubId");
        }

        @Override
        public int cleanupOrder() {
            return 5;
        }
    }

    /**
     * Undo a config push with {@code POST {configUrl}/config/rollback}, but only while the pushed content is still
     * current. {@code versionBefore} was current before the push; {@code pushedVersion} is 0 until the service has
     * answered; {@code note} (sent as X-Config-Note, carrying the fault id) finds the push when it is 0.
     */
    record RollbackConfig(String configUrl, int versionBefore, int pushedVersion, String note) implements HealRecipe {
        public RollbackConfig {
            Objects.requireNonNull(configUrl, "configUrl");
        }

        public RollbackConfig withPushedVersion(int version) {
            return new RollbackConfig(configUrl, versionBefore, version, note);
        }

        @Override
        public int cleanupOrder() {
            return 6;
        }
    }

    /**
     * Stop a process a run started: SIGTERM, then SIGKILL after a grace period. {@code pid} 0 means the run
     * crashed between recording the intent and learning the pid; then the process is found by its exact command
     * line and a start no earlier than {@code notBeforeEpochMs}.
     */
    record StopProcess(String name, long pid, long startTicks, List<String> command, long notBeforeEpochMs)
        implements HealRecipe {
        public StopProcess {
            command = List.copyOf(command);
        }

        @Override
        public int cleanupOrder() {
            return 7;
        }
    }

    /** {@code docker unpause} a container a fault paused; first, like thawing a frozen process. */
    record UnpauseContainer(String name, String containerId) implements HealRecipe {
        public UnpauseContainer {
            Objects.requireNonNull(containerId, "containerId");
        }

        @Override
        public int cleanupOrder() {
            return 0;
        }
    }

    /** {@code docker start} a container a fault stopped or killed (a removed container is already gone). */
    record StartContainer(String name, String containerId) implements HealRecipe {
        public StartContainer {
            Objects.requireNonNull(containerId, "containerId");
        }

        @Override
        public int cleanupOrder() {
            return 1;
        }
    }

    /** Connect a container back to a network it was cut from, with the same aliases and address. */
    record ConnectNetwork(String network, String name, String containerId, List<String> aliases, String ipv4Address)
        implements HealRecipe {
        public ConnectNetwork {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(containerId, "containerId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        @Override
        public int cleanupOrder() {
            return 1;
        }
    }

    /**
     * Bring a container's interface on a network up again, after a cut made inside the container's network namespace
     * ({@code ip link set dev DEVICE down}) while the engine still lists it on the network. The interface is found by
     * its address; where the namespace cannot be entered from the healing machine, the container is reconnected
     * through the engine instead (disconnect, then connect with the same aliases and address).
     */
    record SetLinkUp(String network, String name, String containerId, String device, List<String> aliases,
                     String ipv4Address) implements HealRecipe {
        public SetLinkUp {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(containerId, "containerId");
            Objects.requireNonNull(ipv4Address, "ipv4Address");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        @Override
        public int cleanupOrder() {
            return 1;
        }
    }

    /**
     * A recipe this version cannot read (written by a newer harness, or damaged). Never written; healing it fails
     * with {@code problem} so the entry stays in the ledger for a person to look at.
     */
    record Unreadable(String json, String problem) implements HealRecipe {
        @Override
        public int cleanupOrder() {
            return 8;
        }
    }

    /** Several steps healed together, e.g. every process of a region. */
    record All(List<HealRecipe> recipes) implements HealRecipe {
        public All {
            recipes = List.copyOf(recipes);
        }

        @Override
        public int cleanupOrder() {
            return recipes.stream().mapToInt(HealRecipe::cleanupOrder).min().orElse(0);
        }

        @Override
        public List<HealRecipe> steps() {
            return recipes.stream().flatMap(r -> r.steps().stream()).toList();
        }
    }
}
