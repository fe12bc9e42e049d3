package io.exchangechaos.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How DockerStack starts and removes a batch of containers: every call at once, each one waited for. */
class DockerStackTogetherTest {

    /**
     * A dozen calls that each wait for all the others to have begun: they return only if all run at once, whatever the
     * machine's cores (a parallel stream runs as many as the common pool has threads, two on a machine of two cores).
     */
    @Test
    void everyCallRunsAtOnce() {
        int n = 12;
        CountDownLatch begun = new CountDownLatch(n);
        Set<Integer> met = ConcurrentHashMap.newKeySet();
        DockerStack.together(IntStream.range(0, n).boxed().toList(), i -> {
            begun.countDown();
            try {
                if (begun.await(10, TimeUnit.SECONDS)) {
                    met.add(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(met).hasSize(n);
    }

    @Test
    void aFailureIsThrownOnceEveryCallHasEnded() {
        Set<String> ended = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> DockerStack.together(List.of("a", "b", "c"), s -> {
            if (s.equals("a")) {
                throw new IllegalStateException("container a did not start");
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.add(s);
        })).isInstanceOf(IllegalStateException.class).hasMessage("container a did not start");
        assertThat(ended).containsExactlyInAnyOrder("b", "c");
    }
}
