package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The fault kinds core registers itself: process, link, DNS, dependency and config faults. */
final class BuiltInFaultKinds {

    private BuiltInFaultKinds() {
    }

    static final List<FaultKind<?>> ALL = List.of(
        new Simple<>("kill", Fault.Kill.class, TargetFamily.PROCESSES, false, Fault.Kill::new, "SIGKILL",
            "the target's processes die (SIGKILL) and are started again when healed"),
        new Simple<>("terminate", Fault.Terminate.class, TargetFamily.PROCESSES, false, Fault.Terminate::new, "SIGTERM",
            "the target's processes stop gracefully (SIGTERM) and are started again when healed"),
        new Simple<>("freeze", Fault.Freeze.class, TargetFamily.PROCESSES, false, Fault.Freeze::new, "SIGSTOP/SIGCONT",
            "the target's processes freeze (SIGSTOP): connections stay open, nothing answers"),
        new Simple<>("restart", Fault.Restart.class, TargetFamily.PROCESSES, true, Fault.Restart::new, "",
            "the target's processes restart"),
        new LatencyKind(),
        new BandwidthKind(),
        new Simple<>("blackhole", Fault.Blackhole.class, TargetFamily.LINKS, false, Fault.Blackhole::new,
            "held open, no data", "the links accept connections and pass nothing"),
        new Simple<>("reset", Fault.Reset.class, TargetFamily.LINKS, false, Fault.Reset::new, "TCP RST",
            "connections over the links are reset"),
        new PartitionKind(),
        new SlowCloseKind(),
        new DnsKind(),
        new DependencyKind(),
        new ConfigPushKind());

    /** A kind with no params. */
    private record Simple<F extends Fault<?>>(String id, Class<F> type, TargetFamily family, boolean instantaneous,
                                              Supplier<F> make, String summary, String effect) implements FaultKind<F> {
        @Override
        public F read(FaultParams params) {
            return make.get();
        }

        @Override
        public String effect(F fault) {
            return effect;
        }
    }

    /** A partition takes a pair of regions too: the other link faults act on a link's proxy, which every region shares. */
    private static final class PartitionKind implements FaultKind<Fault.Partition> {
        @Override
        public String id() {
            return "partition";
        }

        @Override
        public Class<Fault.Partition> type() {
            return Fault.Partition.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public Set<TargetKind> targets() {
            return Set.of(TargetKind.LINK, TargetKind.LINKS, TargetKind.REGION, TargetKind.BETWEEN);
        }

        @Override
        public Fault.Partition read(FaultParams params) {
            return new Fault.Partition();
        }

        @Override
        public String summary() {
            return "link disabled; or everything between two regions";
        }

        @Override
        public String effect(Fault.Partition fault) {
            return "the links are cut: new connections refused, open ones closed";
        }
    }

    private static final class LatencyKind implements FaultKind<Fault.Latency> {
        @Override
        public String id() {
            return "latency";
        }

        @Override
        public Class<Fault.Latency> type() {
            return Fault.Latency.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public List<String> params() {
            return List.of("latency", "jitter", "stream");
        }

        @Override
        public Fault.Latency read(FaultParams p) {
            p.require("latency", "latency: 150ms");
            return new Fault.Latency(p.duration("latency", "latency: 150ms").orElse(null), p.duration("jitter", Duration.ZERO),
                p.spelled("stream", LinkStream.class, "a stream", LinkStream.BOTH));
        }

        @Override
        public void validate(Fault.Latency f, ParamChecks checks) {
            checks.positive("latency", f.latency());
            checks.notNegative("jitter", f.jitter());
            if (f.latency() != null && f.jitter() != null && f.jitter().compareTo(f.latency()) > 0) {
                checks.report("jitter", fmt(f.jitter()), "larger than latency [" + fmt(f.latency())
                    + "], which would make delays negative; lower it");
            }
        }

        @Override
        public Map<String, Object> write(Fault.Latency f) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("latency", fmt(f.latency()));
            if (!f.jitter().isZero()) {
                p.put("jitter", fmt(f.jitter()));
            }
            if (f.stream() != LinkStream.BOTH) {
                p.put("stream", f.stream().id());
            }
            return p;
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("latency"),
                "latency", ParamsSchema.duration("Delay added to each chunk of data."),
                "jitter", ParamsSchema.duration("Random variation of the delay, plus or minus; at most latency."),
                "stream", ParamsSchema.obj("description", "Which direction: upstream (client to service), downstream, both (default).",
                    "enum", Spelled.ids(LinkStream.class)));
        }

        @Override
        public String describe(Fault.Latency l) {
            return id() + " " + fmt(l.latency()) + (l.jitter() == null || l.jitter().isZero() ? "" : " ±" + fmt(l.jitter()))
                + (l.stream() == null ? "" : " (" + l.stream().id() + ")");
        }

        @Override
        public String effect(Fault.Latency f) {
            return "traffic on the links slows down (" + describe(f) + ")";
        }
    }

    private static final class BandwidthKind implements FaultKind<Fault.Bandwidth> {
        @Override
        public String id() {
            return "bandwidth";
        }

        @Override
        public Class<Fault.Bandwidth> type() {
            return Fault.Bandwidth.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public List<String> params() {
            return List.of("rateKBps");
        }

        @Override
        public Fault.Bandwidth read(FaultParams p) {
            p.require("rateKBps", "rateKBps: 100");
            return new Fault.Bandwidth(p.integer("rateKBps", "write rateKBps: 100").map(Integer::longValue).orElse(0L));
        }

        @Override
        public void validate(Fault.Bandwidth f, ParamChecks checks) {
            if (f.rateKBps() <= 0) {
                checks.report("rateKBps", f.rateKBps(), "must be above 0; give kilobytes per second, e.g. 100");
            }
        }

        @Override
        public Map<String, Object> write(Fault.Bandwidth f) {
            return Map.of("rateKBps", f.rateKBps());
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("rateKBps"), "rateKBps", ParamsSchema.obj("description", "Throughput limit in kilobytes per second.",
                "type", "integer", "minimum", 1));
        }

        @Override
        public String describe(Fault.Bandwidth bw) {
            return id() + " " + bw.rateKBps() + " KB/s";
        }

        @Override
        public String effect(Fault.Bandwidth f) {
            return "traffic on the links slows down (" + describe(f) + ")";
        }
    }

    private static final class SlowCloseKind implements FaultKind<Fault.SlowClose> {
        @Override
        public String id() {
            return "slow-close";
        }

        @Override
        public Class<Fault.SlowClose> type() {
            return Fault.SlowClose.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public List<String> params() {
            return List.of("delay");
        }

        @Override
        public Fault.SlowClose read(FaultParams p) {
            p.require("delay", "delay: 5s");
            return new Fault.SlowClose(p.duration("delay", "delay: 5s").orElse(null));
        }

        @Override
        public void validate(Fault.SlowClose f, ParamChecks checks) {
            checks.positive("delay", f.delay());
        }

        @Override
        public Map<String, Object> write(Fault.SlowClose f) {
            return Map.of("delay", fmt(f.delay()));
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("delay"), "delay", ParamsSchema.duration("How long after the peer closes the connection really closes."));
        }

        @Override
        public String describe(Fault.SlowClose sc) {
            return id() + " " + fmt(sc.delay());
        }

        @Override
        public String effect(Fault.SlowClose f) {
            return "traffic on the links slows down (" + describe(f) + ")";
        }
    }

    private static final class DnsKind implements FaultKind<Fault.Dns> {
        @Override
        public String id() {
            return "dns";
        }

        @Override
        public Class<Fault.Dns> type() {
            return Fault.Dns.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.DNS_NAMES;
        }

        @Override
        public List<String> params() {
            return List.of("mode", "latency");
        }

        @Override
        public Fault.Dns read(FaultParams p) {
            p.require("mode", "mode: EMPTY");
            return new Fault.Dns(p.spelled("mode", DnsMode.class, "a DNS mode", null), p.duration("latency", "latency: 2s"));
        }

        @Override
        public void validate(Fault.Dns f, ParamChecks checks) {
            if (f.mode() == null) {
                return;
            }
            if (f.mode() == DnsMode.LATENCY) {
                f.latency().ifPresentOrElse(l -> checks.positive("latency", l),
                    () -> checks.report("latency", null, "missing; mode LATENCY needs it, e.g. params: {mode: LATENCY, latency: 2s}"));
            } else {
                f.latency().ifPresent(l -> checks.report("latency", fmt(l), "only used with mode LATENCY; remove it"));
            }
        }

        @Override
        public Map<String, Object> write(Fault.Dns f) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mode", f.mode().id());
            f.latency().ifPresent(l -> p.put("latency", fmt(l)));
            return p;
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("mode"),
                "mode", ParamsSchema.obj("description", "NXDOMAIN, SERVFAIL, EMPTY (NOERROR, no addresses), DROP (no answer), "
                    + "WRONG_ADDRESS, LATENCY (needs latency).", "enum", Spelled.ids(DnsMode.class)),
                "latency", ParamsSchema.duration("How late answers come; only with mode LATENCY."));
        }

        @Override
        public String describe(Fault.Dns d) {
            return id() + " " + d.mode().id() + d.latency().map(x -> " " + fmt(x)).orElse("");
        }

        @Override
        public String effect(Fault.Dns f) {
            return "DNS answers for the names go wrong (" + describe(f) + ")";
        }
    }

    private static final class DependencyKind implements FaultKind<Fault.Dependency> {
        @Override
        public String id() {
            return "dependency";
        }

        @Override
        public Class<Fault.Dependency> type() {
            return Fault.Dependency.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.DEPENDENCY;
        }

        @Override
        public List<String> params() {
            return List.of("mode", "delay", "status", "endpoint");
        }

        @Override
        public Fault.Dependency read(FaultParams p) {
            p.require("mode", "mode: delay");
            return new Fault.Dependency(p.spelled("mode", DependencyMode.class, "a dependency mode", null),
                p.duration("delay", "delay: 3s"), p.integer("status", "write status: 503"), p.text("endpoint", "endpoint: /check"));
        }

        @Override
        public void validate(Fault.Dependency f, ParamChecks checks) {
            if (f.mode() == null) {
                return;
            }
            boolean delayed = f.mode() == DependencyMode.DELAY || f.mode() == DependencyMode.RANDOM_DELAY
                || f.mode() == DependencyMode.DRIBBLE;
            if (delayed) {
                f.delay().ifPresentOrElse(d -> checks.positive("delay", d),
                    () -> checks.report("delay", null, "missing; mode " + f.mode() + " needs it, e.g. delay: 3s"));
            } else {
                f.delay().ifPresent(d -> checks.report("delay", fmt(d), "only used with modes delay, random-delay and dribble; remove it"));
            }
            f.status().ifPresent(status -> {
                if (f.mode() != DependencyMode.ERROR) {
                    checks.report("status", status, "only used with mode error; remove it");
                } else if (status < 100 || status > 599) {
                    checks.report("status", status, "not an HTTP status; use 100-599, e.g. 503");
                }
            });
            f.endpoint().filter(e -> !e.startsWith("/"))
                .ifPresent(e -> checks.report("endpoint", e, "not a path; start it with /, e.g. /check"));
        }

        @Override
        public Map<String, Object> write(Fault.Dependency f) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mode", f.mode().id());
            f.delay().ifPresent(d -> p.put("delay", fmt(d)));
            f.status().ifPresent(st -> p.put("status", st));
            f.endpoint().ifPresent(e -> p.put("endpoint", e));
            return p;
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("mode"),
                "mode", ParamsSchema.obj("description", "delay, random-delay, dribble (need delay), error (status), connection-reset, "
                    + "empty-response, malformed-chunk.", "enum", Spelled.ids(DependencyMode.class)),
                "delay", ParamsSchema.duration("The delay (or its maximum, or how long a dribbled response takes)."),
                "status", ParamsSchema.obj("description", "HTTP status for mode error; default 503.", "type", "integer", "minimum", 100,
                    "maximum", 599),
                "endpoint", ParamsSchema.obj("description", "Only this path misbehaves, e.g. /check; default all.", "type", "string",
                    "pattern", "^/"));
        }

        @Override
        public String describe(Fault.Dependency d) {
            return id() + " " + d.mode().id() + d.delay().map(x -> " " + fmt(x)).orElse("")
                + d.status().map(x -> " status " + x).orElse("") + d.endpoint().map(x -> " on " + x).orElse("");
        }

        @Override
        public String effect(Fault.Dependency f) {
            return "the dependency misbehaves (" + describe(f) + ")";
        }
    }

    private static final class ConfigPushKind implements FaultKind<Fault.ConfigPush> {
        @Override
        public String id() {
            return "config-push";
        }

        @Override
        public Class<Fault.ConfigPush> type() {
            return Fault.ConfigPush.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.CONFIG;
        }

        @Override
        public List<String> params() {
            return List.of("kind", "file");
        }

        @Override
        public Fault.ConfigPush read(FaultParams p) {
            p.require("kind", "kind: malformed");
            return new Fault.ConfigPush(p.spelled("kind", ConfigKind.class, "a config kind", null), p.text("file", "file: configs/bad.json"));
        }

        @Override
        public void validate(Fault.ConfigPush f, ParamChecks checks) {
            if (f.kind() == null) {
                return;
            }
            if (f.kind() == ConfigKind.FILE && f.file().isEmpty()) {
                checks.report("file", null, "missing; kind file needs it, e.g. file: configs/bad.json");
            } else if (f.kind() != ConfigKind.FILE && f.file().isPresent()) {
                checks.report("file", f.file().get(), "only used with kind file; remove it or set kind: file");
            }
        }

        @Override
        public Map<String, Object> write(Fault.ConfigPush f) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("kind", f.kind().id());
            f.file().ifPresent(file -> p.put("file", file));
            return p;
        }

        @Override
        public Map<String, Object> paramsSchema() {
            return ParamsSchema.of(List.of("kind"),
                "kind", ParamsSchema.obj("description", "malformed (does not parse), semantic (contradicts itself), oversized, latent "
                    + "(breaks consumers after loading), file (needs file).", "enum", Spelled.ids(ConfigKind.class)),
                "file", ParamsSchema.obj("description", "The config to push, for kind file; relative to the scenario file.", "type", "string"));
        }

        @Override
        public String summary() {
            return "healed by rolling back";
        }

        @Override
        public String describe(Fault.ConfigPush c) {
            return id() + " " + c.kind().id() + c.file().map(x -> " (" + x + ")").orElse("");
        }

        @Override
        public String effect(Fault.ConfigPush f) {
            return "a bad config is pushed (" + describe(f) + "), rolled back when healed";
        }
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }

}
