package io.exchangechaos.fault.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.core.ledger.InjectedFault;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the staged config service as a real process when exchange-stack is built, else against the fake in
 * {@link ConfigServiceFixture}.
 */
class ConfigPushIT {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path serviceDir;
    static ConfigServiceFixture service;
    static ConfigServiceClient client;

    @TempDir
    Path dir;
    FaultLedger ledger;
    ConfigPush push;

    @BeforeAll
    static void startService() throws Exception {
        service = ConfigServiceFixture.start(serviceDir.resolve("data"));
        client = new ConfigServiceClient(service.url());
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void setUp() {
        ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        push = ConfigPush.connect(service.url(), FaultRecorder.using(ledger));
    }

    @Test
    void a_bad_push_is_in_force_until_close_rolls_it_back() throws Exception {
        // GIVEN the good config in force
        ConfigServiceClient.Current good = client.current();

        // WHEN a latent bad config is pushed
        InjectedFault bad = push.push(BadConfig.LATENT);

        // THEN it is what the service serves, noted with the fault id
        ConfigServiceClient.Current during = client.current();
        assertThat(during.version()).isGreaterThan(good.version());
        assertThat(MAPPER.readTree(during.body()).path("metadataFormat").asInt()).isEqualTo(2);
        assertThat(client.history()).last().satisfies(v -> assertThat(v.note()).contains("chaos " + bad.id() + ": latent config"));
        assertThat(ledger.entry(bad.id()).orElseThrow().heal())
            .isEqualTo(new ConfigRecipes.RollbackConfig(service.url(), good.version(), during.version(), "chaos " + bad.id()));

        // AND after close the good content is back
        bad.close();
        assertThat(client.current().body()).isEqualTo(good.body());
        assertThat(bad.heal().outcome()).isEqualTo(HealOutcome.HEALED);
        assertThat(ledger.unhealed()).isEmpty();
    }

    @Test
    void a_push_whose_version_was_never_recorded_is_found_by_its_note() throws Exception {
        // GIVEN a run that pushed and died before recording the version the service gave it
        ConfigServiceClient.Current good = client.current();
        client.push(BadConfig.MALFORMED.from(good.body()), "chaos f-0123456789ab: malformed config");
        ConfigRecipes.RollbackConfig recipe = new ConfigRecipes.RollbackConfig(service.url(), good.version(), 0, "chaos f-0123456789ab");

        // WHEN the recipe heals
        HealResult result = new Healer().heal(recipe);

        // THEN the push is rolled back, and healing again finds nothing to do
        assertThat(result.outcome()).isEqualTo(HealOutcome.HEALED);
        assertThat(client.current().body()).isEqualTo(good.body());
        assertThat(new Healer().heal(recipe).outcome()).isEqualTo(HealOutcome.ALREADY_GONE);
    }

    @Test
    void a_push_someone_pushed_over_is_not_rolled_back_blindly() throws Exception {
        ConfigServiceClient.Current good = client.current();
        InjectedFault bad = push.push(BadConfig.SEMANTIC);
        int pushed = client.current().version();
        int later = client.push(good.body().replace("\"accounts\"", "\"accounts\" "), "operator hotfix");

        HealResult result = bad.heal();

        assertThat(result).isEqualTo(HealResult.failed("config v" + later + " in force is neither the pushed v" + pushed
            + " nor v" + good.version() + " from before it: someone pushed since; check " + service.url()
            + "/config/history and roll back by hand with POST " + service.url() + "/config/rollback"));
        assertThat(ledger.unhealed()).hasSize(1);
        client.rollback();  // the operator undoes the hotfix; now the heal can proceed
        assertThat(bad.heal().outcome()).isEqualTo(HealOutcome.HEALED);
        assertThat(client.current().body()).isEqualTo(good.body());
    }

    @Test
    void the_fake_used_when_exchange_stack_is_not_built_pushes_and_rolls_back_the_same_way() throws Exception {
        try (ConfigServiceFixture fake = ConfigServiceFixture.startFake()) {
            ConfigPush pushToFake = ConfigPush.connect(fake.url(), FaultRecorder.using(ledger));
            String good = pushToFake.currentConfig();

            try (InjectedFault oversized = pushToFake.push(BadConfig.OVERSIZED)) {
                assertThat(MAPPER.readTree(pushToFake.currentConfig()).path("features")).hasSize(BadConfig.OVERSIZED_FEATURES);
            }

            assertThat(pushToFake.currentConfig()).isEqualTo(good);
            assertThat(new ConfigServiceClient(fake.url()).history()).extracting(ConfigServiceClient.VersionInfo::version)
                .containsExactly(1, 2, 3);
        }
    }

    @Test
    void says_whether_it_ran_against_the_real_service() {
        System.out.println("ConfigPushIT ran against the " + (service.isReal() ? "real staged config service" : "fake config service"));
        assertThat(service.isReal()).isEqualTo(ConfigServiceFixture.realServiceAvailable());
    }
}
