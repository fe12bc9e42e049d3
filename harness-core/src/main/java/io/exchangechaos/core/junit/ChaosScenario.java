package io.exchangechaos.core.junit;

import io.exchangechaos.core.verdict.Verdict;
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
 *         assertThat(outcome).passed().hasNoLostOrders().latency(FAULT).p99().isLessThan(ofSeconds(10));
 *     }
 * }
 * }</pre>
 *
 * {@link #value()} names a library scenario (a class-path resource {@code scenarios/NAME.yaml}) or a file path. For a
 * scenario built with the Java DSL, register {@link ChaosExtension#of} instead. A run that ends INCONCLUSIVE or
 * ABORTED fails the class unless {@link #expecting()} names that verdict.
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

    /** {@code local} (processes) or {@code docker} (containers). */
    String backend() default "local";

    /** Where run directories go. */
    String out() default "target/chaos-runs";

    /** The verdicts the run may end with; any other fails the class before its tests run. */
    Verdict[] expecting() default {Verdict.PASS, Verdict.FAIL};
}
