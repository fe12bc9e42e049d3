package io.exchangechaos.core.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gatling simulation behind every scenario's load. Each virtual user performs one order operation — with
 * client failover, retrying on the next entrypoint with the same client order id — and records it in the
 * history. Built per instance from the registered {@link LoadRun}.
 */
public class OrderSimulation extends Simulation {
    /** Canary requests a second (see {@link GatlingLoadDriver#start(LoadPlan, io.exchangechaos.core.adapter.ExchangeAdapter, io.exchangechaos.core.history.History, java.net.URI)}). */
    public static final int CANARY_RATE = 10;
    /**
     * Every order request says how long its client waits for the answer (the scenario's {@code load.requestTimeout},
     * in milliseconds), so that a gateway can spend that time on it rather than give up sooner and send the client
     * elsewhere; an exchange that does not read it loses nothing.
     */
    public static final String TIMEOUT_HEADER = "X-Request-Timeout-Ms";

    private final LoadRun run;

    public OrderSimulation() {
        LoadRun run = LoadRun.current();
        LoadPlan plan = run.plan();

        String timeout = String.valueOf(plan.requestTimeout().toMillis());
        ChainBuilder post = exec(http("place").httpRequest("POST", "#{url}")
            .header("Content-Type", "#{contentType}")
            .header(TIMEOUT_HEADER, timeout)
            .body(StringBody("#{body}"))
            .check(status().saveAs("status"), bodyString().saveAs("responseBody")));
        ChainBuilder delete = exec(http("cancel").httpRequest("DELETE", "#{url}")
            .header(TIMEOUT_HEADER, timeout)
            .check(status().saveAs("status"), bodyString().saveAs("responseBody")));

        ScenarioBuilder orders = scenario("orders")
            .exitHereIf(session -> run.stopped())
            .exec(run::begin)
            .tryMax(plan.maxAttempts()).on(
                exec(run::beforeAttempt)
                    .doIfEqualsOrElse("#{method}", "POST").then(post).orElse(delete)
                    .exec(run::afterAttempt))
            .exec(run::complete);

        HttpProtocolBuilder protocol = http.shareConnections().disableWarmUp().disableCaching()
            .disableFollowRedirect().maxConnectionsPerHost(64);

        List<OpenInjectionStep> steps = new ArrayList<>();
        for (Schedule.Segment s : run.schedule().segments()) {
            steps.add(s.fromRate() == s.toRate()
                ? constantUsersPerSec(s.fromRate()).during(s.duration())
                : rampUsersPerSec(s.fromRate()).to(s.toRate()).during(s.duration()));
        }
        Duration bound = plan.duration().plus(plan.requestTimeout().multipliedBy(plan.maxAttempts() + 1)).plusSeconds(5);
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(orders.injectOpen(steps));
        if (run.canary() != null) {
            String url = run.canary().toString().replaceAll("/$", "") + "/canary";
            ScenarioBuilder canary = scenario("harness-canary")
                .exitHereIf(session -> run.stopped())
                .exec(run::canarySent)
                .exec(http("canary").get(url).check(status().saveAs("canaryStatus")))
                .exec(run::canaryDone);
            populations.add(canary.injectOpen(constantUsersPerSec(CANARY_RATE).during(plan.duration())));
        }
        setUp(populations).protocols(protocol).maxDuration(bound);
        this.run = run;
    }

    @Override
    public void before() {
        run.markStart();
    }
}
