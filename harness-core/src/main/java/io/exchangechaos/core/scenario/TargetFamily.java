package io.exchangechaos.core.scenario;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a group of fault kinds acts on, the target kinds they take and how those are written, for messages such as
 * {@code latency acts on links and takes {link: NAME}, …}. The built-in families are constants; a plugin kind uses
 * one of them or makes its own.
 *
 * @param actsOn    e.g. {@code links}
 * @param spellings e.g. {@code {link: NAME}, {links: [NAME, ...]}, {links: wan} or {region: NAME}}
 */
public record TargetFamily(String actsOn, String spellings, Set<TargetKind> kinds) {

    public static final TargetFamily PROCESSES = new TargetFamily("a service or a region",
        "{service: NAME}, {service: leader}, {region: NAME} or {region: leader}", EnumSet.of(TargetKind.SERVICE, TargetKind.REGION));
    public static final TargetFamily LINKS = new TargetFamily("links",
        "{link: NAME}, {links: [NAME, ...]}, {links: wan} or {region: NAME}",
        EnumSet.of(TargetKind.LINK, TargetKind.LINKS, TargetKind.REGION));
    public static final TargetFamily DNS_NAMES = new TargetFamily("DNS names", "{dns: \"engine.*.exchange.test\"}",
        EnumSet.of(TargetKind.DNS));
    public static final TargetFamily DEPENDENCY = new TargetFamily("a dependency", "{dependency: NAME}",
        EnumSet.of(TargetKind.DEPENDENCY));
    public static final TargetFamily CONFIG = new TargetFamily("the config service", "{config: NAME}",
        EnumSet.of(TargetKind.CONFIG));

    public TargetFamily {
        kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }
}
