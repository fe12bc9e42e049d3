package io.exchangechaos.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.backend.StackClasspath;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.fault.container.Docker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The container backend's networks and images, on a real Docker engine with three small regions (one Toxiproxy-
 * compatible server per region, whose API opens connections from inside its container): a partition between two
 * regions cuts exactly them apart, both still reach the third, and it heals; a service whose topology entry names an
 * image runs in that image, which the harness neither builds nor pulls. One stack start serves both: the image checks
 * only read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerNetworksIT {
    /** A user's image: here the stack image under a name the harness does not own. */
    private static final String USER_IMAGE = "acme/exchange-svc:1.0";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private Path dir;
    private DockerClient docker;
    private String stackImage;
    private DockerStack stack;
    private FaultRecorder recorder;
    /** "r1->r2" to the port of svc-r1 that forwards to svc-r2 (from inside svc-r1's container). */
    private final Map<String, Integer> paths = Map.of("r1->r2", 9012, "r1->r3", 9013, "r2->r1", 9021, "r2->r3", 9023);

    @BeforeAll
    void startThreeRegionsWithOneServiceInAUsersImage() throws Exception {
        dir = Files.createTempDirectory("docker-networks-it");
        docker = Docker.client();
        stackImage = new StackImages(docker, dir.resolve("images")).stack(StackClasspath.resolve());
        String[] userImage = USER_IMAGE.split(":");
        docker.tagImageCmd(stackImage, userImage[0], userImage[1]).exec();
        recorder = FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl")));
        stack = DockerStack.start(topology(USER_IMAGE), Weakness.NONE, dir, recorder, DockerStack.Options.defaults());
        for (Map.Entry<String, Integer> p : paths.entrySet()) {
            String from = p.getKey().substring(0, 2);
            String to = p.getKey().substring(4);
            URI api = stack.serviceUrl("svc-" + from);
            new ToxiproxyClient(api.getHost(), api.getPort()).createProxy(p.getKey(), "0.0.0.0:" + p.getValue(),
                stack.plan().addressFrom(from, "svc-" + to) + ":8600");
        }
    }

    @AfterAll
    void removeEverything() {
        String runId = stack == null ? null : stack.runId();
        if (stack != null) {
            stack.close();
        }
        try {
            docker.removeImageCmd(USER_IMAGE).exec(); // only the tag: the image keeps the stack's name
        } catch (RuntimeException e) {
            // not tagged: the start failed before
        }
        if (runId != null) {
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Docker.RUN_LABEL, runId)).exec())
                .as("containers left behind").isEmpty();
            assertThat(docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL + "=" + runId)).exec())
                .as("networks left behind").isEmpty();
        }
    }

    private Topology topology(String image) throws IOException {
        String yaml = new String(getClass().getResourceAsStream("/docker/three-small-regions.yaml").readAllBytes(),
            StandardCharsets.UTF_8).replace("${image}", image);
        return Topologies.parse(yaml, "three-small-regions.yaml", dir);
    }

    /** Whether an HTTP request through svc-FROM's forwarding proxy is answered by svc-TO: a fresh connection each time. */
    private boolean reaches(String path) {
        String from = path.substring(0, 2);
        URI api = stack.serviceUrl("svc-" + from);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(api.getHost(), paths.get(path)), (int) PROBE_TIMEOUT.toMillis());
            s.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write("GET /version HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.") && head.length == 12
                && new String(head, 9, 3, StandardCharsets.US_ASCII).equals("200");
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Boolean> reachability() {
        return Map.of("r1->r2", reaches("r1->r2"), "r2->r1", reaches("r2->r1"),
            "r1->r3", reaches("r1->r3"), "r2->r3", reaches("r2->r3"));
    }

    @Test
    void aPartitionBetweenTwoRegionsCutsExactlyThemApartAndHeals() throws Exception {
        assertThat(reachability()).as("before the cut").containsOnlyKeys(paths.keySet()).doesNotContainValue(false);

        FaultExecutor faults = new FaultExecutor(stack, recorder, dir);
        ActiveStep cut = faults.inject(new TimelineStep("cut r1 from r2", Duration.ZERO, new Fault.Partition(),
            new FaultTarget.BetweenTarget(List.of("r1", "r2")), Optional.of(Duration.ofSeconds(30))));
        Map<String, Boolean> during;
        try {
            assertThat(cut.target()).isEqualTo("between r1 and r2 (cut apart on their WAN network)");
            during = reachability();
        } finally {
            cut.heal();
        }

        assertThat(during).as("during the cut").isEqualTo(Map.of("r1->r2", false, "r2->r1", false, "r1->r3", true, "r2->r3", true));
        assertThat(reachability()).as("after the heal").doesNotContainValue(false);
    }

    @Test
    void aServiceRunsInTheImageItsTopologyEntryNames() {
        String inUserImage = docker.inspectContainerCmd(stack.container("svc-r3").id()).exec().getConfig().getImage();
        String inStackImage = docker.inspectContainerCmd(stack.container("svc-r1").id()).exec().getConfig().getImage();

        assertThat(inUserImage).isEqualTo(USER_IMAGE);
        assertThat(inStackImage).isEqualTo(stackImage);
    }

    @Test
    void anImageTheEngineDoesNotHaveIsRefusedBeforeAnythingStartsAndNeverPulled() {
        assertThatThrownBy(() -> DockerStack.start(topology("acme/not-here:0.1"), Weakness.NONE, dir, recorder,
                DockerStack.Options.defaults()))
            .isInstanceOf(StackStartException.class)
            .hasMessage("images named in topology three-small-regions are not in the local Docker engine, and the"
                + " harness never pulls: [service [svc-r3]: image [acme/not-here:0.1]]; `docker pull` them where a"
                + " registry is reachable, or `docker load` them, then run again");
        assertThat(docker.listImagesCmd().withImageNameFilter("acme/not-here").exec()).isEmpty();
    }
}
