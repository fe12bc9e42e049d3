package io.exchangechaos.fault.discovery;

import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.server.dns.FaultHandle;
import io.exchangechaos.server.dns.FaultSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * DNS faults on a name pattern (an exact name or a glob like {@code engine.*.exchange.test}), through the DNS fault
 * server's control API. The server names a fault only once it is in force, so the ledger first records the pattern
 * and mode, then the server's id; a crash in between heals by removing every fault of that pattern and mode.
 *
 * <pre>{@code
 * DnsFaults dns = DnsFaults.connect(DnsFaultClient.connect("http://127.0.0.1:8475"), recorder);
 * try (InjectedFault empty = dns.empty("engine.r1.exchange.test")) { ... }
 * }</pre>
 */
public final class DnsFaults {
    private final DnsFaultClient client;
    private final FaultRecorder recorder;

    private DnsFaults(DnsFaultClient client, FaultRecorder recorder) {
        this.client = Objects.requireNonNull(client, "client");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    public static DnsFaults connect(DnsFaultClient client, FaultRecorder recorder) {
        return new DnsFaults(client, recorder);
    }

    /** The name does not exist. */
    public InjectedFault nxdomain(String pattern) {
        return inject(FaultSpec.nxdomain(pattern));
    }

    /** The server fails. */
    public InjectedFault servfail(String pattern) {
        return inject(FaultSpec.servfail(pattern));
    }

    /** NOERROR with no addresses. */
    public InjectedFault empty(String pattern) {
        return inject(FaultSpec.empty(pattern));
    }

    /** No answer at all: resolvers time out. */
    public InjectedFault drop(String pattern) {
        return inject(FaultSpec.drop(pattern));
    }

    /** A well-formed answer with the server's black-hole address. */
    public InjectedFault wrongAddress(String pattern) {
        return inject(FaultSpec.wrongAddress(pattern));
    }

    /** A well-formed answer with {@code loopbackAddress} (in 127.0.0.0/8). */
    public InjectedFault wrongAddress(String pattern, String loopbackAddress) {
        return inject(FaultSpec.wrongAddress(pattern, loopbackAddress));
    }

    /** The right answer, {@code latency} late. */
    public InjectedFault latency(String pattern, Duration latency) {
        return inject(FaultSpec.latency(pattern, latency));
    }

    /** Any fault the DNS server knows. */
    public InjectedFault inject(FaultSpec spec) {
        String controlUrl = client.baseUri().toString();
        DnsRecipes.RemoveDnsFault intent = new DnsRecipes.RemoveDnsFault(controlUrl, spec.pattern(), spec.mode().name(), null,
            InProcessServers.holderOf(controlUrl));
        FaultRecorder.Plan plan = recorder.plan("dns." + spec.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            "dns " + spec.pattern(), id -> intent);
        return recorder.inject(plan, refine -> {
            FaultHandle handle = client.inject(spec);
            refine.recipe(intent.withFaultId(handle.id()));
        });
    }
}
