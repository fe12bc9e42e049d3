package io.exchangechaos.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of fault, as a timeline step names it ({@code fault: latency}): its record, the targets it takes, its
 * params and how they are read from a scenario file, checked, written back and described. Core registers its own
 * kinds; a plugin adds one by listing its class in {@code META-INF/services/io.exchangechaos.core.scenario.FaultKind}
 * (with an injector that applies it: {@code io.exchangechaos.core.fault.FaultInjector}). See {@link FaultKinds}.
 *
 * @param <F> the record a scenario holds for a fault of this kind
 */
public interface FaultKind<F extends Fault<?>> {

    /** As written after {@code fault:} in a scenario file, e.g. {@code latency}. */
    String id();

    /** The record of this kind; one kind per record class. */
    Class<F> type();

    /** What it acts on and how its targets are written, for messages and the schema. */
    TargetFamily family();

    /** The target kinds it takes; by default its family's. */
    default Set<TargetKind> targets() {
        return family().kinds();
    }

    /** True if it is over the moment it is injected: it takes no duration. */
    default boolean instantaneous() {
        return false;
    }

    /** The keys its {@code params} may have; none by default. */
    default List<String> params() {
        return List.of();
    }

    /**
     * Reads a step's {@code params}: spelling only (keys, types, required params), each problem added with its
     * location; a param it could not read is null in the record, and the record's meaning is checked by
     * {@link #validate}.
     */
    F read(FaultParams params);

    /** Checks what the params mean, for a step read from YAML or built with the Java DSL alike. */
    default void validate(F fault, ParamChecks checks) {
    }

    /** The params as {@code ScenarioYaml.write} writes them back (texts and numbers, in order); empty for none. */
    default Map<String, Object> write(F fault) {
        return Map.of();
    }

    /**
     * The JSON Schema of its {@code params} mapping (a JSON object as maps, lists, texts and numbers); a kind with
     * required params names them under {@code required}. By default: no params at all.
     */
    default Map<String, Object> paramsSchema() {
        return Map.of("maxProperties", 0);
    }

    /** A few words on what it does, for the schema's description of {@code fault:}, e.g. {@code SIGKILL}; may be empty. */
    default String summary() {
        return "";
    }

    /** The fault with its params as an operator reads them, e.g. {@code latency 150ms ±20ms (both)}. */
    default String describe(F fault) {
        return id();
    }

    /** What an operator should expect to see while it is in force, e.g. {@code connections over the links are reset}. */
    default String effect(F fault) {
        return describe(fault);
    }
}
