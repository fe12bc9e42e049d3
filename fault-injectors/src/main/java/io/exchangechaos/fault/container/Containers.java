package io.exchangechaos.fault.container;

import java.util.List;

/**
 * A stack's containers, as container faults need them: the facet a container backend's stack offers
 * ({@code stack.facet(Containers.class)}).
 */
public interface Containers {

    /** The container running {@code service}. */
    ContainerRef container(String service);

    /** The containers of a region's services (not its proxy: it is the network, not the region's workload). */
    List<ContainerRef> containersIn(String region);

    /** Every attachment of a region's containers (its proxy included) to its WAN networks: cutting them isolates it. */
    List<Attachment> wanAttachments(String region);

    /**
     * The attachments of both regions' containers to the WAN network they share: cutting them partitions exactly
     * these two regions from each other, while each still reaches every other region.
     */
    List<Attachment> pairAttachments(String a, String b);
}
