package io.exchangechaos.fault.config;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Config pushes through the config service's push endpoint, healed by its rollback ({@link ConfigPush}). */
public final class ConfigInjector implements FaultInjector {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return fault instanceof Fault.ConfigPush && target instanceof FaultTarget.ConfigTarget;
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        Fault.ConfigPush push = (Fault.ConfigPush) fault;
        String service = ((FaultTarget.ConfigTarget) target).service();
        ConfigPush config = ConfigPush.connect(cx.stack().serviceUrl(service).toString(), cx.recorder());
        return new Injection("config " + service + " (" + push.kind().id() + ")", List.of(switch (push.kind()) {
            case MALFORMED -> config.push(BadConfig.MALFORMED);
            case SEMANTIC -> config.push(BadConfig.SEMANTIC);
            case OVERSIZED -> config.push(BadConfig.OVERSIZED);
            case LATENT -> config.push(BadConfig.LATENT);
            case FILE -> config.push(read(cx.scenarioDir(), push.file().orElseThrow()), "file " + push.file().get());
        }));
    }

    @Override
    public void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        String service = ((FaultTarget.ConfigTarget) target).service();
        ConfigPush.connect(cx.stack().serviceUrl(service).toString(), cx.recorder()).currentConfig();
    }

    private static String read(Path scenarioDir, String file) {
        Path p = scenarioDir.resolve(file);
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("config file [" + p + "] cannot be read", e);
        }
    }
}
