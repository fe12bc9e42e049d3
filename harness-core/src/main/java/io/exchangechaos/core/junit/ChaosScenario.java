package io.exchangechaos.core.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a scenario once for the test class and injects its outcome into test methods:
 *
 * <pre>{@code
 * @ChaosScenario("region-loss")
 * class RegionLossTest {
 *     @Test
 *     void losesNothing(RunOutcome outcome) {
 *         assertThat(outcome).hasVerdict(PASS).hasNoLostOrders().latency(FAULT).p99().isLessThan(ofMillis(500));
 *     }
 * }
 * }</pre>
 *
 * {@link #value()} names a library scenario (a class-path resource {@code scenarios/NAME.yaml}) or a file path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChaosExtension.class)
public @interface ChaosScenario {
    /** A library scenario's name, or a path to a scenario file. */
    String value();

    /** Overrides the scenario's topology when not empty. */
    String topology() default "";

    /** Overrides the scenario's weakness when not empty. */
    String weakness() default "";

    /** Where run directories go. */
    String out() default "target/chaos-runs";
}
