package io.exchangechaos.core.ledger;

import io.exchangechaos.core.http.ControlCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Executes {@link HealRecipe}s with nothing but what the recipe says: used by a live {@link InjectedFault}'s
 * {@code close()} and by {@link Cleanup} after a crash alike. Every step is idempotent: healing what is already
 * healthy answers {@link HealOutcome#ALREADY_GONE}. Never throws; a step that cannot heal answers FAILED with why.
 */
public class Healer {
    public static final Duration DEFAULT_TIMEOUT = ControlCalls.DEFAULT;
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private final HealContext context;
    private final HealRecipeKinds kinds = HealRecipeKinds.registered();

    public Healer() {
        this(DEFAULT_TIMEOUT, DEFAULT_STOP_GRACE);
    }

    /**
     * @param timeout   for every HTTP call to a control API
     * @param stopGrace how long a process gets after SIGTERM before SIGKILL
     */
    public Healer(Duration timeout, Duration stopGrace) {
        this.context = new HealContext(timeout, stopGrace);
    }

    /** Heals every step of {@code recipe} (composites in cleanup order) and merges the outcomes. */
    public HealResult heal(HealRecipe recipe) {
        List<HealRecipe> steps = new ArrayList<>(recipe.steps());
        steps.sort(Comparator.comparingInt(kinds::cleanupOrder));
        List<HealResult> results = new ArrayList<>();
        for (HealRecipe step : steps) {
            results.add(healStep(step));
        }
        return HealResult.merge(results);
    }

    /** One step; a composite here heals through {@link #heal}. */
    public HealResult healStep(HealRecipe step) {
        if (step instanceof HealRecipe.All all) {
            return heal(all);
        }
        if (step instanceof HealRecipe.Unreadable r) {
            return HealResult.failed("heal recipe unreadable (" + r.problem() + "): " + r.json()
                + "; heal it by hand, then remove the line from the ledger");
        }
        Optional<HealRecipeKind<HealRecipe>> kind = kinds.of(step);
        if (kind.isEmpty()) {
            return HealResult.failed("no healer for recipe " + step + ": no HealRecipeKind on the class path takes "
                + step.getClass().getName());
        }
        try {
            return kind.get().heal(step, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealResult.failed("interrupted while healing " + step);
        } catch (Exception e) {
            return HealResult.failed(describe(step) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String describe(HealRecipe step) {
        return step.getClass().getSimpleName() + " " + step;
    }
}
