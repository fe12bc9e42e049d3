package io.exchangechaos.core.topology;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The system under test as the harness sees it: regions, services, the proxied links between them, DNS records and
 * where the load enters. Read from a topology file with {@link Topologies#load(Path)}; immutable.
 *
 * @param dns         the harness's DNS server
 * @param proxyApi    the Toxiproxy-compatible API that owns every link
 * @param entrypoints names of links the load client sends orders to, in order of preference
 * @param weaknesses  topology files to use instead of this one when a weakness is switched on
 *                    (resolved against this file's directory)
 * @param adapter     the exchange adapter every entrypoint is driven through, and its configuration
 * @param plugins     jars, or directories of jars, holding the adapter and other plugins (resolved against this file's
 *                    directory); loaded over the harness's class path for the run
 */
public record Topology(String name, String description, String domain, DnsServer dns, URI proxyApi, List<String> regions,
                       List<Service> services, List<Link> links, List<DnsRecord> records, List<String> entrypoints,
                       Map<Weakness, Path> weaknesses, AdapterChoice adapter, List<Path> plugins) {

    /** The region of services shared by all regions (config, dependencies). */
    public static final String GLOBAL_REGION = "global";

    public Topology {
        regions = List.copyOf(regions);
        services = List.copyOf(services);
        links = List.copyOf(links);
        records = List.copyOf(records);
        entrypoints = List.copyOf(entrypoints);
        weaknesses = weaknesses.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(weaknesses));
        adapter = adapter == null ? AdapterChoice.byDefault() : adapter;
        plugins = List.copyOf(plugins);
    }

    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public List<Service> services(ServiceKind kind) {
        return services.stream().filter(s -> s.kind() == kind).toList();
    }

    public List<Service> servicesIn(String region) {
        return services.stream().filter(s -> s.region().equals(region)).toList();
    }

    /** @throws NoSuchElementException if there is no such service */
    public String regionOf(String service) {
        return service(service).map(Service::region)
                .orElseThrow(() -> new NoSuchElementException("Topology [" + name + "] has no service [" + service + "]"));
    }

    /** Links whose proxy forwards to {@code service}. */
    public List<Link> linksInto(String service) {
        return links.stream().filter(l -> l.to().equals(service)).toList();
    }

    /** Links into any service of {@code region}: cutting them isolates the region. */
    public List<Link> linksIntoRegion(String region) {
        List<Link> into = new ArrayList<>();
        for (Service service : servicesIn(region)) {
            into.addAll(linksInto(service.name()));
        }
        return List.copyOf(into);
    }

    public List<Link> wanLinks() {
        return links.stream().filter(Link::wan).toList();
    }

    /** The links the load enters through, in order of preference. */
    public List<Link> entrypointLinks() {
        return entrypoints.stream().map(e -> link(e).orElseThrow()).toList();
    }

    /** Records matching {@code pattern}, where {@code *} stands for one label: {@code engine.*.exchange.test}. */
    public List<DnsRecord> recordsMatching(String pattern) {
        return records.stream().filter(r -> r.matches(pattern)).toList();
    }

    /** Every region that has a service, {@code global} included. */
    public List<String> regionsWithServices() {
        return services.stream().map(Service::region).distinct().toList();
    }

    /** The topology file to use instead of this one for {@code weakness}, if it changes the topology. */
    public Optional<Path> variantFor(Weakness weakness) {
        return Optional.ofNullable(weaknesses.get(weakness));
    }
}
