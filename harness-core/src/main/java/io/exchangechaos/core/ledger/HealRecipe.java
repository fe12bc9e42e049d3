package io.exchangechaos.core.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * How to heal a fault with no live objects: everything a later process needs is in the record. Written to the
 * ledger as JSON with a {@code kind} tag, so a run that crashed can be healed by {@code ./chaos cleanup} alone. Each
 * kind is a {@link HealRecipeKind} (its tag, its record, the code that heals it), found with
 * {@link java.util.ServiceLoader}; the ledger keeps {@link All} and {@link Unreadable} itself.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface HealRecipe {

    /** Every single step, composites flattened. */
    @JsonIgnore
    default List<HealRecipe> steps() {
        return List.of(this);
    }

    /**
     * A recipe this version cannot read (written by a newer harness or a plugin not on the class path, or damaged).
     * Never written; healing it fails with {@code problem} so the entry stays in the ledger for a person to look at.
     */
    record Unreadable(String json, String problem) implements HealRecipe {
    }

    /** Several steps healed together, e.g. every process of a region. */
    record All(List<HealRecipe> recipes) implements HealRecipe {
        public All {
            recipes = List.copyOf(recipes);
        }

        @Override
        public List<HealRecipe> steps() {
            return recipes.stream().flatMap(r -> r.steps().stream()).toList();
        }
    }
}
