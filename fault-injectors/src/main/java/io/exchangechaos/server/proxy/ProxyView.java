package io.exchangechaos.server.proxy;

import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.model.Toxic;
import java.util.List;

/** A proxy with its toxics (upstream first), as the API returns it. */
public record ProxyView(ProxySpec spec, List<Toxic> toxics) {
    public ProxyView {
        toxics = List.copyOf(toxics);
    }
}
