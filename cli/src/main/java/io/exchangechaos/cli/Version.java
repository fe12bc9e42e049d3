package io.exchangechaos.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ./chaos --version}: the harness version from the jar manifest, and the Java running it. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChaosMain.class.getPackage().getImplementationVersion();
        return new String[] {"exchange-chaos " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
