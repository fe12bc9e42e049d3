package io.exchangechaos.fault;

import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.fault.config.BadConfig;
import io.exchangechaos.fault.config.ConfigPush;
import io.exchangechaos.fault.dependency.DependencyFaults;
import io.exchangechaos.fault.dependency.StubEndpoint;
import io.exchangechaos.fault.discovery.DnsFaults;
import io.exchangechaos.fault.network.NetworkFaults;
import io.exchangechaos.fault.process.ManagedProcess;
import io.exchangechaos.fault.process.ProcessControl;
import io.exchangechaos.fault.process.ProcessSpec;
import io.exchangechaos.server.dns.DnsFaultClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A harness run in its own JVM that injects one fault of every kind, says so, and waits to be killed with
 * {@code kill -9}. Arguments are {@code key=value}.
 */
public final class CrashingRun {
    public static final String INJECTED = "ALL FAULTS INJECTED";

    private CrashingRun() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : argv) {
            a.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        FaultRecorder recorder = FaultRecorder.using(new FaultLedger(Path.of(a.get("ledger"))));

        NetworkFaults network = NetworkFaults.connect(a.get("toxiproxy"), recorder);
        network.latency(a.get("slowProxy"), Duration.ofSeconds(2), Duration.ZERO, LinkStream.BOTH);
        network.partition(a.get("cutProxy"));

        DnsFaults.connect(DnsFaultClient.connect(a.get("dns")), recorder).nxdomain(a.get("dnsName"));

        ProcessSpec spec = ProcessSpec.of("heartbeat", List.of(a.get("command").split("\u001f")), Path.of(a.get("log")));
        new ProcessControl(recorder).freeze(ManagedProcess.adopt(spec, Long.parseLong(a.get("pid")), recorder));

        DependencyFaults.connect(a.get("wiremock"), recorder).connectionReset(StubEndpoint.post("/credit-check"));

        ConfigPush.connect(a.get("config"), recorder).push(BadConfig.LATENT);

        System.out.println(INJECTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
