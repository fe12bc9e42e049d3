package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as the harness reaches it: Testcontainers' client, checked first so a missing engine or a
 * missing setting fails at once with the fix instead of hanging on an image pull.
 */
public final class Docker {
    /** Every container and network a run creates carries this label, valued with the run's id. */
    public static final String RUN_LABEL = "io.exchangechaos.run";
    /** The harness process that owns them ({@code pid:startTicks}): cleanup removes only what a dead run left. */
    public static final String OWNER_LABEL = "io.exchangechaos.owner";

    private Docker() {
    }

    /** Testcontainers' Docker client, after checking the engine is there and Testcontainers will not try to pull. */
    public static DockerClient client() {
        List<String> problems = new ArrayList<>();
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            problems.add("TESTCONTAINERS_RYUK_DISABLED is not [true]: Testcontainers would pull its Ryuk image; the"
                + " harness removes its containers by label instead. export TESTCONTAINERS_RYUK_DISABLED=true");
        }
        if (System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
            problems.add("TESTCONTAINERS_HOST_OVERRIDE is not set: on a machine that looks like a container"
                + " Testcontainers pulls a helper image to find the host. export TESTCONTAINERS_HOST_OVERRIDE=localhost");
        }
        if (!problems.isEmpty()) {
            throw new DockerUnavailableException(String.join("\n", problems)
                + "\n(./chaos and .ci/run set both; set them yourself when you run the harness another way)");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new DockerUnavailableException("no Docker engine answers at "
                + (System.getenv("DOCKER_HOST") == null ? "unix:///var/run/docker.sock" : System.getenv("DOCKER_HOST"))
                + "; start it (e.g. `dockerd &`, or `apt-get install -y docker.io` first) or use --backend local");
        }
        return DockerClientFactory.instance().client();
    }

    /** Whether an engine could be there at all, without asking Testcontainers (which logs loudly when there is none). */
    public static boolean mightBeAvailable() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.startsWith("unix://")) {
            return true;
        }
        Path socket = Path.of(host == null ? "/var/run/docker.sock" : host.substring("unix://".length()));
        if (!Files.exists(socket)) {
            return false;
        }
        // a socket file left behind by a stopped engine refuses at once; Testcontainers would log a stack trace
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Thrown when the docker backend cannot reach an engine; the message says what to do. */
    public static final class DockerUnavailableException extends RuntimeException {
        public DockerUnavailableException(String message) {
            super(message);
        }
    }
}
