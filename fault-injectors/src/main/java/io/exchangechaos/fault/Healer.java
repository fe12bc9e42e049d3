package io.exchangechaos.fault;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import io.exchangechaos.fault.config.ConfigServiceClient;
import io.exchangechaos.fault.container.ContainerHealing;
import io.exchangechaos.fault.dependency.WireMockAdmin;
import io.exchangechaos.server.dns.ActiveDnsFault;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.fault.ledger.HealRecipe;
import io.exchangechaos.fault.process.ProcStat;
import io.exchangechaos.fault.process.ProcessFinder;
import io.exchangechaos.fault.process.ProcessSpec;
import io.exchangechaos.fault.process.Signals;
import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.server.dns.ActiveDnsFault;
import io.exchangechaos.server.dns.DnsFaultClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Executes {@link HealRecipe}s with nothing but what the recipe says: used by a live {@link InjectedFault}'s
 * {@code close()} and by {@link Cleanup} after a crash alike. Every step is idempotent: healing what is already
 * healthy answers {@link HealOutcome#ALREADY_GONE}. Never throws; a step that cannot heal answers FAILED with why.
 */
public class Healer {
    public static final Duration DEFAULT_TIMEOUT = ControlCalls.DEFAULT;
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Duration stopGrace;

    public Healer() {
        this(DEFAULT_TIMEOUT, DEFAULT_STOP_GRACE);
    }

    /**
     * @param timeout   for every HTTP call to a control API
     * @param stopGrace how long a process gets after SIGTERM before SIGKILL
     */
    public Healer(Duration timeout, Duration stopGrace) {
        this.timeout = timeout;
        this.stopGrace = stopGrace;
    }

    /** Heals every step of {@code recipe} (composites in cleanup order) and merges the outcomes. */
    public HealResult heal(HealRecipe recipe) {
        List<HealRecipe> steps = new ArrayList<>(recipe.steps());
        steps.sort(Comparator.comparingInt(HealRecipe::cleanupOrder));
        List<HealResult> results = new ArrayList<>();
        for (HealRecipe step : steps) {
            results.add(healStep(step));
        }
        return HealResult.merge(results);
    }

    /** One step; a composite here is an error of the caller's and heals through {@link #heal}. */
    public HealResult healStep(HealRecipe step) {
        try {
            if (step instanceof HealRecipe.RemoveToxics r) {
                return removeToxics(r);
            } else if (step instanceof HealRecipe.EnableProxy r) {
                return enableProxy(r);
            } else if (step instanceof HealRecipe.DeleteProxies r) {
                return deleteProxies(r);
            } else if (step instanceof HealRecipe.RemoveDnsFault r) {
                return removeDnsFault(r);
            } else if (step instanceof HealRecipe.ThawProcess r) {
                return thaw(r);
            } else if (step instanceof HealRecipe.RestartProcess r) {
                return restart(r);
            } else if (step instanceof HealRecipe.RemoveStub r) {
                return removeStub(r);
            } else if (step instanceof HealRecipe.RollbackConfig r) {
                return rollbackConfig(r);
            } else if (step instanceof HealRecipe.StopProcess r) {
                return stop(r);
            } else if (step instanceof HealRecipe.UnpauseContainer r) {
                return ContainerHealing.unpause(r);
            } else if (step instanceof HealRecipe.StartContainer r) {
                return ContainerHealing.start(r);
            } else if (step instanceof HealRecipe.ConnectNetwork r) {
                return ContainerHealing.connect(r);
            } else if (step instanceof HealRecipe.SetLinkUp r) {
                return ContainerHealing.linkUp(r);
            } else if (step instanceof HealRecipe.All r) {
                return heal(r);
            } else if (step instanceof HealRecipe.Unreadable r) {
                return HealResult.failed("heal recipe unreadable (" + r.problem() + "): " + r.json()
                    + "; heal it by hand, then remove the line from the ledger");
            }
            return HealResult.failed("no healer for recipe " + step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealResult.failed("interrupted while healing " + step);
        } catch (Exception e) {
            return HealResult.failed(describe(step) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private HealResult removeToxics(HealRecipe.RemoveToxics r) throws IOException {
        if (InProcessServers.holderGone(r.holder())) {
            return diedWithHolder("toxics " + r.toxics() + " on proxy [" + r.proxy() + "]", "Toxiproxy API", r.apiUrl(),
                r.holder());
        }
        Optional<Proxy> proxy = proxy(r.apiUrl(), r.proxy());
        if (proxy.isEmpty()) {
            return HealResult.alreadyGone("proxy [" + r.proxy() + "] no longer exists at " + r.apiUrl());
        }
        List<String> removed = new ArrayList<>();
        String toxics = "/proxies/" + r.proxy() + "/toxics";
        for (Toxic toxic : toxiproxy(r.apiUrl(), "GET " + toxics, () -> proxy.get().toxics().getAll())) {
            if (r.toxics().contains(toxic.getName())) {
                toxiproxy(r.apiUrl(), "DELETE " + toxics + "/" + toxic.getName(), () -> {
                    toxic.remove();
                    return null;
                });
                removed.add(toxic.getName());
            }
        }
        return removed.isEmpty()
            ? HealResult.alreadyGone("no toxic " + r.toxics() + " left on proxy [" + r.proxy() + "]")
            : HealResult.healed("removed toxics " + removed + " from proxy [" + r.proxy() + "]");
    }

    private HealResult enableProxy(HealRecipe.EnableProxy r) throws IOException {
        if (InProcessServers.holderGone(r.holder())) {
            return diedWithHolder("the disabled proxy [" + r.proxy() + "]", "Toxiproxy API", r.apiUrl(), r.holder());
        }
        Optional<Proxy> proxy = proxy(r.apiUrl(), r.proxy());
        if (proxy.isEmpty()) {
            return HealResult.alreadyGone("proxy [" + r.proxy() + "] no longer exists at " + r.apiUrl());
        }
        if (proxy.get().isEnabled()) {
            return HealResult.alreadyGone("proxy [" + r.proxy() + "] is already enabled");
        }
        toxiproxy(r.apiUrl(), "POST /proxies/" + r.proxy(), () -> {
            proxy.get().enable();
            return null;
        });
        return HealResult.healed("enabled proxy [" + r.proxy() + "]");
    }

    private HealResult deleteProxies(HealRecipe.DeleteProxies r) throws IOException {
        URI uri = URI.create(r.apiUrl());
        ToxiproxyClient client = new ToxiproxyClient(uri.getHost(), uri.getPort());
        List<Proxy> existing;
        try {
            existing = toxiproxy(r.apiUrl(), "GET /proxies", client::getProxies);
        } catch (IOException e) {
            throw new IOException((ControlCalls.isTimeout(e) ? e.getMessage() : "Toxiproxy API at [" + r.apiUrl()
                + "] is not reachable (" + e.getMessage() + ")") + "; start it again, or delete the proxies "
                + r.proxies() + " by hand", e);
        }
        List<String> deleted = new ArrayList<>();
        for (Proxy p : existing) {
            if (r.proxies().contains(p.getName())) {
                toxiproxy(r.apiUrl(), "DELETE /proxies/" + p.getName(), () -> {
                    p.delete();
                    return null;
                });
                deleted.add(p.getName());
            }
        }
        return deleted.isEmpty()
            ? HealResult.alreadyGone("none of the proxies " + r.proxies() + " is left at " + r.apiUrl())
            : HealResult.healed("deleted proxies " + deleted + " from " + r.apiUrl());
    }

    /** A fault held in the memory of a server that lived in a process now gone: it went with that process. */
    private static HealResult diedWithHolder(String what, String api, String url, String holder) {
        return HealResult.alreadyGone(what + " lived in the " + api + " at " + url + " served by pid "
            + InProcessServers.pidOf(holder) + ", which is gone: the fault went with it");
    }

    private Optional<Proxy> proxy(String apiUrl, String name) throws IOException {
        URI uri = URI.create(apiUrl);
        ToxiproxyClient client = new ToxiproxyClient(uri.getHost(), uri.getPort());
        try {
            return toxiproxy(apiUrl, "GET /proxies", client::getProxies).stream()
                .filter(p -> p.getName().equals(name)).findFirst();
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw e;
            }
            throw new IOException("Toxiproxy API at [" + apiUrl + "] is not reachable (" + e.getMessage()
                + "); start it (./chaos proxy-server) or pass its URL with --toxiproxy", e);
        }
    }

    /** {@code toxiproxy-java} has no timeout of its own: each of its calls is given up after this healer's. */
    private <T> T toxiproxy(String apiUrl, String what, ControlCalls.Call<T> call) throws IOException {
        return ControlCalls.within(timeout, "Toxiproxy API", apiUrl, what, call);
    }

    private HealResult removeDnsFault(HealRecipe.RemoveDnsFault r) {
        if (InProcessServers.holderGone(r.holder())) {
            return diedWithHolder("DNS fault " + r.mode() + " " + r.pattern(), "DNS control API", r.controlUrl(), r.holder());
        }
        DnsFaultClient client = DnsFaultClient.connect(r.controlUrl()).withTimeout(timeout);
        if (r.faultId() != null) {
            return client.heal(r.faultId())
                ? HealResult.healed("removed DNS fault " + r.faultId() + " (" + r.mode() + " " + r.pattern() + ")")
                : HealResult.alreadyGone("DNS fault " + r.faultId() + " (" + r.mode() + " " + r.pattern() + ") is gone");
        }
        // The run died before the server's id was recorded: remove every fault of this pattern and mode.
        List<String> removed = new ArrayList<>();
        for (ActiveDnsFault f : client.faults()) {
            if (f.pattern().equals(r.pattern()) && f.mode().name().equals(r.mode()) && client.heal(f.id())) {
                removed.add(f.id());
            }
        }
        return removed.isEmpty()
            ? HealResult.alreadyGone("no DNS fault " + r.mode() + " " + r.pattern() + " in force")
            : HealResult.healed("removed DNS faults " + removed + " (" + r.mode() + " " + r.pattern() + ")");
    }

    private HealResult thaw(HealRecipe.ThawProcess r) throws IOException {
        if (!ProcStat.isAlive(r.pid(), r.startTicks())) {
            return HealResult.alreadyGone(r.name() + " (pid " + r.pid() + ") is no longer running");
        }
        boolean wasFrozen = ProcStat.isStopped(r.pid());
        Signals.cont(r.pid());
        return wasFrozen
            ? HealResult.healed("thawed " + r.name() + " (pid " + r.pid() + ")")
            : HealResult.alreadyGone(r.name() + " (pid " + r.pid() + ") was not frozen; sent SIGCONT anyway");
    }

    private HealResult restart(HealRecipe.RestartProcess r) throws IOException {
        Optional<ProcessHandle> running = ProcessFinder.byCommand(r.command(), Instant.EPOCH);
        if (running.isPresent()) {
            return HealResult.alreadyGone(r.name() + " already runs the same command as pid " + running.get().pid());
        }
        ProcessSpec spec = new ProcessSpec(r.name(), r.command(), r.workingDir() == null ? null : Path.of(r.workingDir()),
            r.environment(), Path.of(r.logFile()));
        Process process = spec.launch();
        return HealResult.healed("restarted " + r.name() + " as pid " + process.pid() + ", log " + r.logFile());
    }

    private HealResult removeStub(HealRecipe.RemoveStub r) throws IOException {
        WireMock wireMock = WireMockAdmin.client(r.adminUrl(), timeout);
        UUID id = UUID.fromString(r.stubId());
        List<StubMapping> mappings;
        try {
            mappings = WireMockAdmin.call(timeout, r.adminUrl(), "GET /__admin/mappings",
                () -> wireMock.allStubMappings().getMappings());
        } catch (IOException e) {
            throw ControlCalls.isTimeout(e) ? e : new IOException("WireMock admin API at [" + r.adminUrl()
                + "] is not reachable (" + e.getMessage() + "); check that the dependency runs", e);
        }
        if (mappings.stream().noneMatch(m -> id.equals(m.getId()))) {
            return HealResult.alreadyGone("stub " + id + " is gone from " + r.adminUrl());
        }
        WireMockAdmin.call(timeout, r.adminUrl(), "DELETE /__admin/mappings/" + id, () -> {
            wireMock.removeStubMapping(id);
            return null;
        });
        return HealResult.healed("removed stub " + id + " from " + r.adminUrl());
    }

    private HealResult rollbackConfig(HealRecipe.RollbackConfig r) throws IOException {
        ConfigServiceClient client = new ConfigServiceClient(r.configUrl(), timeout);
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

    private HealResult stop(HealRecipe.StopProcess r) throws IOException, InterruptedException {
        long pid = r.pid();
        long ticks = r.startTicks();
        if (pid == 0) {
            Optional<ProcessHandle> found = ProcessFinder.byCommand(r.command(), Instant.ofEpochMilli(r.notBeforeEpochMs()));
            if (found.isEmpty()) {
                return HealResult.alreadyGone(r.name() + " never started or is gone (no process runs " + r.command() + ")");
            }
            pid = found.get().pid();
            ticks = ProcStat.startTicks(pid).orElse(0);
        }
        if (!ProcStat.isAlive(pid, ticks)) {
            return HealResult.alreadyGone(r.name() + " (pid " + pid + ") is no longer running");
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        List<ProcessHandle> descendants = handle.map(h -> h.descendants().toList()).orElse(List.of());
        if (ProcStat.isStopped(pid)) {
            Signals.cont(pid);  // a frozen process cannot act on SIGTERM
        }
        handle.ifPresent(ProcessHandle::destroy);
        long deadline = System.nanoTime() + stopGrace.toNanos();
        while (ProcStat.isAlive(pid, ticks) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String how = "SIGTERM";
        if (ProcStat.isAlive(pid, ticks)) {
            handle.ifPresent(ProcessHandle::destroyForcibly);
            how = "SIGKILL after " + stopGrace.toMillis() + " ms";
            long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ProcStat.isAlive(pid, ticks) && System.nanoTime() < killDeadline) {
                Thread.sleep(20);
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (ProcStat.isAlive(pid, ticks)) {
            return HealResult.failed(r.name() + " (pid " + pid + ") still runs after SIGKILL");
        }
        return HealResult.healed("stopped " + r.name() + " (pid " + pid + ", " + how + ")");
    }

    private static String describe(HealRecipe step) {
        return step.getClass().getSimpleName() + " " + step;
    }
}
