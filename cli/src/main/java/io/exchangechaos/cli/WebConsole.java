package io.exchangechaos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.http.JettyServers;
import io.exchangechaos.core.run.ProgressListener;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.yaml.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The game day's web console ({@code ./chaos gameday NAME --web}), served by the harness itself on Jetty: a page for the
 * room (live charts, the runbook's step cards, notes, participants, decisions), live updates by Server-Sent Events at
 * {@code /events}, and the controls as POSTs that need the run's token. Without the token the page is a read-only
 * spectator view. It is a second operator of the same {@link OperatorGate} as the terminal: every answer, note and
 * decision goes into the report the terminal mode writes.
 *
 * <p>Nothing here holds a fault: closing the browser leaves the run to go on (a waiting step is answered by the terminal,
 * or skipped when nobody can answer), and the red button aborts through the runner, which heals through the ledger.
 */
final class WebConsole implements ProgressListener, OperatorGate.Listener, AutoCloseable {
    /** How long a step may wait while no operator can answer it before it is skipped. */
    static final Duration UNATTENDED = Duration.ofSeconds(30);
    static final String TOKEN_HEADER = "X-Chaos-Token";
    static final int MAX_NOTE = 2000;
    private static final int MAX_TICKS = 3600;
    private static final int MAX_LOG = 300;
    private static final Pattern INJECTED = Pattern.compile("injected \\[(.+?)] on (.+?) \\(in effect");
    private static final Pattern HEALED = Pattern.compile("healed \\[(.+?)]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String token;
    private final OperatorGate gate;
    private final Room room;
    private final Clock clock;
    private final ObjectNode run;
    private final boolean loopbackOnly;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<EventStream> streams = new ArrayList<>();
    private final ArrayDeque<ObjectNode> ticks = new ArrayDeque<>();
    private final ArrayDeque<ObjectNode> log = new ArrayDeque<>();
    private final Map<String, ObjectNode> faults = new LinkedHashMap<>();
    private final Map<Integer, ObjectNode> answers = new LinkedHashMap<>();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web-console-ping");
        t.setDaemon(true);
        return t;
    });
    private volatile ObjectNode end;
    private Server server;

    private WebConsole(String token, OperatorGate gate, Scenario scenario, Clock clock, boolean loopbackOnly) {
        this.token = token;
        this.gate = gate;
        this.room = gate.room();
        this.clock = clock;
        this.loopbackOnly = loopbackOnly;
        this.run = runInfo(scenario);
        for (String file : List.of("index.html", "console.js", "console.css")) {
            files.put(file, resource(file));
        }
    }

    /**
     * Serves the console on {@code address} for {@code gate}, which it answers from then on.
     *
     * @throws java.net.BindException when the port is taken or the address is not this machine's
     */
    static WebConsole start(InetSocketAddress address, OperatorGate gate, Scenario scenario, Clock clock) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        WebConsole console = new WebConsole(HexFormat.of().formatHex(random), gate, scenario, clock,
            address.getAddress().isLoopbackAddress());
        gate.alsoAnsweredFrom(console::operatorConnected, UNATTENDED, console);
        console.server = JettyServers.start("web-console", address,
            JettyServers.Limits.CONTROL.withMaxBodyBytes(16 * 1024), JettyServers.ErrorFormat.PLAIN, console.new Routes());
        console.pinger.scheduleAtFixedRate(console::ping, 5, 5, TimeUnit.SECONDS);
        return console;
    }

    String token() {
        return token;
    }

    /** The address the console listens on (its real port when started on port 0). */
    InetSocketAddress address() {
        return JettyServers.address(server);
    }

    /** The operator's link, with the token; a wildcard address is shown as this machine's name. */
    String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? hostName() : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/?token=" + token;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Whether a browser holding the token is connected now. */
    synchronized boolean operatorConnected() {
        streams.removeIf(s -> !s.open());
        return streams.stream().anyMatch(EventStream::operator);
    }

    /** The run ended: every browser is told the verdict and where the report is, then the streams end. */
    void finished(RunOutcome outcome, String report) {
        synchronized (this) {
            end = JSON.createObjectNode().put("verdict", outcome.verdict().name()).put("exit", outcome.verdict().exitCode())
                .put("report", report).put("at", clock.instant().toString());
            publish("end", end);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        synchronized (this) {
            streams.forEach(EventStream::close);
            streams.clear();
        }
        if (server != null) {
            JettyServers.stop(server);
        }
    }

    // --- what the run tells ---

    @Override
    public synchronized void stage(String stage) {
        log("== " + stage);
    }

    @Override
    public synchronized void event(String message) {
        log(message);
        Instant now = clock.instant();
        Matcher injected = INJECTED.matcher(message);
        if (injected.find()) {
            fault(injected.group(1), injected.group(2), now);
        }
        Matcher healed = HEALED.matcher(message);
        if (healed.find() && faults.containsKey(healed.group(1))) {
            ObjectNode f = faults.get(healed.group(1)).put("healedAt", now.toString());
            publish("fault", f);
        }
    }

    @Override
    public synchronized void tick(Tick t) {
        ObjectNode tick = JSON.createObjectNode().put("t", t.elapsedSeconds()).put("phase", t.phase())
            .put("left", t.remainingSeconds()).put("ok", t.okPerSecond()).put("errors", t.errorsPerSecond())
            .put("p99", t.p99Millis());
        ArrayNode active = tick.putArray("active");
        t.activeFaults().forEach(active::add);
        ticks.add(tick);
        while (ticks.size() > MAX_TICKS) {
            ticks.removeFirst();
        }
        // a fault the events did not name (their wording changed, say) is still shown and timed, from its first tick
        for (String a : t.activeFaults()) {
            int arrow = a.indexOf(" → ");
            String name = arrow < 0 ? a : a.substring(0, arrow);
            if (!faults.containsKey(name)) {
                fault(name, arrow < 0 ? "" : a.substring(arrow + 3), clock.instant());
            }
        }
        publish("tick", tick);
    }

    private void fault(String name, String target, Instant at) {
        ObjectNode f = JSON.createObjectNode().put("name", name).put("target", target).put("injectedAt", at.toString())
            .putNull("healedAt");
        faults.put(name, f);
        room.faultInjected(name, at);
        publish("fault", f);
    }

    private void log(String text) {
        ObjectNode line = JSON.createObjectNode().put("at", clock.instant().toString()).put("text", text);
        log.add(line);
        while (log.size() > MAX_LOG) {
            log.removeFirst();
        }
        publish("log", line);
    }

    // --- what the gate tells ---

    @Override
    public synchronized void waiting(OperatorGate.StepCard card) {
        publish("step", JSON.createObjectNode().set("waiting", card(card)));
    }

    @Override
    public synchronized void answered(OperatorGate.StepCard card, String decision, String author) {
        ObjectNode answer = JSON.createObjectNode().put("number", card.number()).put("decision", decision)
            .put("author", author).put("at", clock.instant().toString());
        answers.put(card.number(), answer);
        publish("answered", answer);
        publish("step", JSON.createObjectNode().putNull("waiting"));
    }

    @Override
    public synchronized void noted(RunOutcome.Note note) {
        publish("note", note(note));
    }

    // --- the state a browser is sent when it connects, and the events after ---

    private synchronized void connect(EventStream stream) {
        ObjectNode s = JSON.createObjectNode();
        ObjectNode r = run.deepCopy();
        r.get("steps").forEach(step -> {
            ObjectNode answer = answers.get(step.path("number").asInt());
            if (answer != null) {
                ((ObjectNode) step).put("decision", answer.path("decision").asText()).put("decidedBy", answer.path("author").asText());
            }
        });
        s.set("run", r);
        s.put("operator", stream.operator()).put("now", clock.instant().toString());
        ArrayNode participants = s.putArray("participants");
        room.participants().forEach(p -> participants.add(participant(p)));
        ArrayNode notes = s.putArray("notes");
        gate.notes().forEach(n -> notes.add(note(n)));
        ArrayNode decisions = s.putArray("decisions");
        room.decisions().forEach(d -> decisions.add(decision(d)));
        s.putArray("ticks").addAll(ticks);
        s.putArray("log").addAll(log);
        s.putArray("faults").addAll(faults.values());
        OperatorGate.StepCard waiting = gate.waiting();
        s.set("waiting", waiting == null ? null : card(waiting));
        s.set("end", end);
        stream.send("snapshot", s.toString());
        streams.add(stream);
    }

    private void publish(String event, ObjectNode data) {
        String text = data.toString();
        streams.removeIf(s -> !s.open());
        streams.forEach(s -> s.send(event, text));
    }

    private synchronized void ping() {
        streams.removeIf(s -> !s.open());
        streams.forEach(EventStream::ping);
    }

    private static ObjectNode runInfo(Scenario scenario) {
        ObjectNode r = JSON.createObjectNode().put("scenario", scenario.name()).put("incident", scenario.incident())
            .put("loadSeconds", scenario.load().duration().toMillis() / 1000.0);
        ArrayNode steps = r.putArray("steps");
        int n = 0;
        for (TimelineStep step : scenario.timeline()) {
            steps.add(card(new OperatorGate.StepCard(++n, scenario.timeline().size(), step.name(), Plan.fault(step.fault()),
                step.target().describe(), Plan.expectedEffect(step, scenario.load().duration()),
                "at " + Durations.format(step.at()) + " into the load")).put("atSeconds", step.at().toMillis() / 1000.0));
        }
        return r;
    }

    private static ObjectNode card(OperatorGate.StepCard c) {
        return JSON.createObjectNode().put("number", c.number()).put("of", c.of()).put("name", c.name())
            .put("fault", c.fault()).put("target", c.target()).put("expected", c.expected()).put("when", c.when());
    }

    private static ObjectNode note(RunOutcome.Note n) {
        return JSON.createObjectNode().put("at", n.at().toString()).put("author", n.author()).put("text", n.text());
    }

    private static ObjectNode participant(RunOutcome.Participant p) {
        return JSON.createObjectNode().put("name", p.name()).put("role", p.role()).put("joinedAt", p.joinedAt().toString());
    }

    private static ObjectNode decision(RunOutcome.RoomDecision d) {
        ObjectNode o = JSON.createObjectNode().put("at", d.at().toString()).put("author", d.author())
            .put("choice", d.choice()).put("fault", d.fault().orElse(null));
        o.put("secondsAfterFault", d.afterFault().map(a -> a.toMillis() / 1000.0).orElse(null));
        return o;
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebConsole.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the web console's " + name + " is missing from the chaos jar; rebuild it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- HTTP ---

    /** A control's answer: its status and a sentence. */
    private record Reply(int status, String message) {
        static Reply ok(String message) {
            return new Reply(200, message);
        }
    }

    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            if (loopbackOnly && !loopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
                // a page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) reaches nothing here
                return reply(response, callback, new Reply(403, "this console answers only to a loopback host name"));
            }
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if (method.equals("GET") || method.equals("HEAD")) {
                return get(path, request, response, callback);
            }
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
                return reply(response, callback, new Reply(405, "use GET or POST"));
            }
            if (!List.of("/join", "/proceed", "/skip", "/abort", "/note", "/decision").contains(path)) {
                return reply(response, callback, new Reply(404, "no such control: " + path));
            }
            Reply refused = authorize(request, Request.extractQueryParameters(request).getValue("token"));
            // the body is read even for a refusal: a connection left with unread bytes is closed under the client's
            // next request on it
            Content.Source.asByteArrayAsync(request, 16 * 1024, Promise.Invocable.from(Invocable.InvocationType.BLOCKING,
                (body, failure) -> {
                    if (failure instanceof IllegalStateException) {
                        reply(response, callback, new Reply(413, "request body too large"));
                    } else if (failure != null) {
                        callback.failed(failure);
                    } else if (refused != null) {
                        reply(response, callback, refused);
                    } else {
                        Fields fields;
                        try {
                            fields = form(new String(body, StandardCharsets.UTF_8));
                        } catch (IllegalArgumentException malformed) {
                            reply(response, callback, new Reply(400, "the form is not URL-encoded: " + malformed.getMessage()));
                            return;
                        }
                        reply(response, callback, control(path, fields));
                    }
                }));
            return true;
        }

        private boolean get(String path, Request request, Response response, Callback callback) {
            switch (path) {
                case "/", "/index.html" -> {
                    response.getHeaders().put("Content-Security-Policy", CSP);
                    return file(response, callback, "index.html", "text/html; charset=utf-8");
                }
                case "/console.js" -> {
                    return file(response, callback, "console.js", "text/javascript; charset=utf-8");
                }
                case "/console.css" -> {
                    return file(response, callback, "console.css", "text/css; charset=utf-8");
                }
                case "/events" -> {
                    String given = Request.extractQueryParameters(request).getValue("token");
                    if (given != null && !tokenMatches(given)) {
                        return reply(response, callback, new Reply(403, "wrong token: copy the console line the terminal"
                            + " printed, or leave the token out to watch"));
                    }
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                    EventStream stream = new EventStream(response, callback, given != null);
                    connect(stream);
                    return true;
                }
                default -> {
                    return reply(response, callback, new Reply(404, "no such page: " + path));
                }
            }
        }

        /** 401 without a token, 403 with a wrong one, null when it is the run's. */
        private Reply authorize(Request request, String fromQuery) {
            String given = request.getHeaders().get(TOKEN_HEADER);
            if (given == null) {
                given = fromQuery;
            }
            if (given == null || given.isEmpty()) {
                return new Reply(401, "the controls need the run's token (the console line the terminal printed); "
                    + "without it the console is view only");
            }
            return tokenMatches(given) ? null : new Reply(403, "wrong token: copy the console line the terminal printed");
        }

        private boolean file(Response response, Callback callback, String name, String type) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.write(true, ByteBuffer.wrap(files.get(name)), callback);
            return true;
        }
    }

    private boolean tokenMatches(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** What a control does, given the fields of its form. */
    private Reply control(String path, Fields form) {
        String name = clean(form.getValue("name"), Room.MAX_NAME);
        if (path.equals("/join")) {
            if (name.isEmpty()) {
                return new Reply(400, "name: empty; sign in with your name and role");
            }
            String role = clean(form.getValue("role"), Room.MAX_NAME);
            RunOutcome.Participant p = room.join(name, role.isEmpty() ? null : role, clock.instant());
            synchronized (this) {
                publish("participant", participant(p));
            }
            return Reply.ok("signed in as " + p.name());
        }
        if (name.isEmpty() || !room.joined(name)) {
            return new Reply(409, "sign in first (POST /join with name and role)");
        }
        if (end != null) {
            return new Reply(409, "the run is over");
        }
        switch (path) {
            case "/note" -> {
                String text = clean(form.getValue("text"), MAX_NOTE);
                if (text.isEmpty()) {
                    return new Reply(400, "text: empty; write the note");
                }
                gate.note(text, name);
                return Reply.ok("noted");
            }
            case "/decision" -> {
                String choice = clean(form.getValue("choice"), Room.MAX_CHOICE);
                if (choice.isEmpty()) {
                    return new Reply(400, "choice: empty; say what the room decided, e.g. invoke DR");
                }
                RunOutcome.RoomDecision d = room.decide(choice, name, clock.instant());
                synchronized (this) {
                    publish("decision", decision(d));
                }
                gate.note("DECISION: " + choice + d.afterFault().map(a -> " (" + String.format(Locale.ROOT,
                    "%.1f", a.toMillis() / 1000.0) + " s after fault [" + d.fault().orElse("?") + "])").orElse(""), name);
                return Reply.ok("decision recorded");
            }
            case "/abort" -> {
                if (form.getValue("step") == null || form.getValue("step").isEmpty()) {
                    if (gate.aborted()) {
                        return new Reply(409, "already aborting: every fault is being healed");
                    }
                    gate.bigRedButton(name);
                    return Reply.ok("aborting: healing every fault now, then writing the report");
                }
                return answer(form, "abort", name);
            }
            case "/proceed" -> {
                return answer(form, "y", name);
            }
            default -> {
                return answer(form, "skip", name);
            }
        }
    }

    private Reply answer(Fields form, String answer, String name) {
        int step;
        try {
            step = Integer.parseInt(form.getValue("step") == null ? "" : form.getValue("step").trim());
        } catch (NumberFormatException e) {
            return new Reply(400, "step: not a step number; send the number of the step card answered");
        }
        return switch (gate.answer(step, answer, name)) {
            case TAKEN -> Reply.ok("answered step " + step);
            case NO_STEP_WAITING -> new Reply(409, "no step is waiting for an answer");
            case ANOTHER_STEP_WAITING -> new Reply(409, "step " + step + " is not the one waiting; the page shows the one that is");
        };
    }

    /** Strips control characters and surrounding space, and cuts at {@code max} characters. */
    static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        String s = value.replaceAll("\\p{Cntrl}", " ").strip();
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static Fields form(String body) {
        Fields fields = new Fields();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.add(key, value);
        }
        return fields;
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
            : host.lastIndexOf(':') >= 0 ? host.substring(0, host.lastIndexOf(':')) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("[::1]") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static boolean reply(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        String body = JSON.createObjectNode().put(reply.status() == 200 ? "ok" : "error", reply.message()).toString();
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
