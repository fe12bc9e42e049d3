package io.exchangechaos.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The heal recipe kinds on the class path ({@link ServiceLoader}), and the JSON they are written and read as: a
 * {@code kind} tag, then the record's components. A line whose kind no plugin here knows is read as
 * {@link HealRecipe.Unreadable} saying so, never dropped.
 */
public final class HealRecipeKinds {
    /** Per class loader: a plugin loader sees more kinds than the harness's own. */
    private static final Map<ClassLoader, HealRecipeKinds> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, HealRecipeKind<?>> byId;
    private final Map<Class<?>, HealRecipeKind<?>> byType;
    private final ObjectMapper json;

    private HealRecipeKinds(List<HealRecipeKind<?>> kinds) {
        Map<String, HealRecipeKind<?>> ids = new LinkedHashMap<>();
        Map<Class<?>, HealRecipeKind<?>> types = new LinkedHashMap<>();
        json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        json.registerSubtypes(new NamedType(HealRecipe.All.class, "all"));
        for (HealRecipeKind<?> kind : kinds) {
            HealRecipeKind<?> clash = kind.id().equals("all") ? kind : ids.putIfAbsent(kind.id(), kind);
            if (clash == null) {
                clash = types.putIfAbsent(kind.type(), kind);
            }
            if (clash != null) {
                throw new IllegalStateException("heal recipe kinds " + clash.getClass().getName() + " and "
                    + kind.getClass().getName() + " both claim [" + kind.id() + "] (" + kind.type().getName()
                    + "); remove one of their plugins from the class path");
            }
            json.registerSubtypes(new NamedType(kind.type(), kind.id()));
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byType = Collections.unmodifiableMap(types);
    }

    /** The kinds on the class path (the context class loader's, else this one's). */
    public static HealRecipeKinds registered() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context == null ? HealRecipeKinds.class.getClassLoader() : context;
        return REGISTERED.computeIfAbsent(loader, HealRecipeKinds::load);
    }

    /** The kinds {@code loader} finds. */
    public static HealRecipeKinds load(ClassLoader loader) {
        List<HealRecipeKind<?>> kinds = new ArrayList<>();
        try {
            for (HealRecipeKind<?> kind : ServiceLoader.load(HealRecipeKind.class, loader)) {
                kinds.add(kind);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a heal recipe plugin cannot be loaded: " + e.getMessage()
                + "; fix or remove the jar that lists it in META-INF/services/" + HealRecipeKind.class.getName(), e);
        }
        return new HealRecipeKinds(kinds);
    }

    /** Every kind found, in the order their jars list them. */
    public List<HealRecipeKind<?>> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The kind of {@code recipe}'s record; empty for {@link HealRecipe.All}, {@link HealRecipe.Unreadable} and strangers. */
    @SuppressWarnings("unchecked")
    public <R extends HealRecipe> Optional<HealRecipeKind<R>> of(R recipe) {
        return Optional.ofNullable((HealRecipeKind<R>) byType.get(recipe.getClass()));
    }

    /** Where {@code recipe} goes in a cleanup: its kind's order, a composite's lowest, an unreadable one last. */
    public int cleanupOrder(HealRecipe recipe) {
        if (recipe instanceof HealRecipe.All all) {
            return all.recipes().stream().mapToInt(this::cleanupOrder).min().orElse(0);
        }
        return of(recipe).map(HealRecipeKind::cleanupOrder).orElse(UNKNOWN_ORDER);
    }

    /** After every kind's steps: what no kind heals is tried last. */
    static final int UNKNOWN_ORDER = 100;

    /** {@link HealRecipeKind#obsolete} of {@code recipe}'s kind. */
    public <R extends HealRecipe> Optional<String> obsolete(R recipe, Set<String> over) {
        return of(recipe).flatMap(k -> k.obsolete(recipe, over));
    }

    /** The recipe as a ledger line holds it: {@code {"kind": "remove-toxics", ...}}. */
    public JsonNode write(HealRecipe recipe) {
        if (recipe instanceof HealRecipe.Unreadable) {
            throw new IllegalArgumentException("an unreadable recipe cannot be recorded: " + recipe);
        }
        for (HealRecipe step : recipe.steps()) {
            if (of(step).isEmpty()) {
                throw new IllegalArgumentException("heal recipe " + step + " (" + step.getClass().getName() + ") has no"
                    + " HealRecipeKind on the class path, so no later process could heal it; list its kind in"
                    + " META-INF/services/" + HealRecipeKind.class.getName());
            }
        }
        try {
            return json.readTree(json.writerFor(HealRecipe.class).writeValueAsString(recipe));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write heal recipe " + recipe, e);
        }
    }

    /** The recipe a ledger line holds; {@link HealRecipe.Unreadable} saying why when it cannot be read. */
    public HealRecipe read(JsonNode node) {
        if (node == null || node.isNull()) {
            return new HealRecipe.Unreadable("null", "no heal recipe recorded");
        }
        Optional<String> unknown = unknownKind(node);
        if (unknown.isPresent()) {
            return new HealRecipe.Unreadable(node.toString(), "recipe kind [" + unknown.get() + "] unknown: add the"
                + " plugin that wrote it to --plugins, or heal by hand");
        }
        try {
            return json.treeToValue(node, HealRecipe.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new HealRecipe.Unreadable(node.toString(), firstLine(e.getMessage()));
        }
    }

    /** The first {@code kind} tag in {@code node} (a composite's included) that no kind here knows. */
    private Optional<String> unknownKind(JsonNode node) {
        String kind = node.path("kind").asText(null);
        if (kind == null) {
            return Optional.empty();
        }
        if (kind.equals("all")) {
            for (JsonNode child : node.path("recipes")) {
                Optional<String> unknown = unknownKind(child);
                if (unknown.isPresent()) {
                    return unknown;
                }
            }
            return Optional.empty();
        }
        return byId.containsKey(kind) ? Optional.empty() : Optional.of(kind);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
