package io.exchangechaos.cli;

import io.exchangechaos.report.signing.KeyPairFiles;
import io.exchangechaos.report.signing.SigningKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Key pairs that sign runs.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos keys init keys"})
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("chaos keys: name a command (init); see ./chaos keys --help");
        return ExitCodes.USAGE;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Makes an Ed25519 key pair that signs runs: DIR/chaos-signing.key (private, PKCS#8 PEM, mode 600) "
            + "and DIR/chaos-signing.pub (public, X.509 PEM).",
            "Keep the private key secret (in CI: its text as the secret CHAOS_SIGNING_KEY); commit the public key, "
                + "which is what verifies a run: ./chaos report verify RUN_DIR --key DIR/chaos-signing.pub.",
            "Never overwrites: when either file exists, nothing is written."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./chaos keys init keys",
            "  ./chaos run region-loss --signing-key keys/chaos-signing.key",
            "  ./chaos report verify target/chaos-runs/region-loss/latest --key keys/chaos-signing.pub", "",
            "Exit codes: 0 written, 2 a key file exists already or DIR cannot be written (nothing written)."})
    static final class Init implements Callable<Integer> {
        private final Io io;

        @Parameters(paramLabel = "DIR", description = "Where to write the pair; created if missing.")
        String dir;

        Init(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            Path d = Path.of(dir);
            if (Files.exists(d) && !Files.isDirectory(d)) {
                io.err().println("keys init: DIR [" + d + "] is a file, not a directory; pass a directory for the key "
                    + "pair, e.g. ./chaos keys init keys");
                return ExitCodes.USAGE;
            }
            KeyPairFiles.Written w;
            try {
                w = KeyPairFiles.init(d);
            } catch (FileAlreadyExistsException e) {
                io.err().println("keys init: [" + e.getFile() + "] exists already; nothing was written. A key is never "
                    + "overwritten (the runs it signed could no longer be verified with a new one): pass another DIR, or "
                    + "move the old pair away first");
                return ExitCodes.USAGE;
            } catch (IOException e) {
                io.err().println("keys init: cannot write the key pair in [" + d + "]: " + ChaosMain.describe(e)
                    + "; pass a directory you can write");
                return ExitCodes.USAGE;
            }
            io.out().println("Wrote an Ed25519 key pair, key id " + w.keyId() + ":");
            io.out().println("  private: " + w.privateKey() + "   (mode 600; keep it secret, never commit it; in CI store "
                + "its text as the secret " + SigningKey.ENVIRONMENT_VARIABLE + ")");
            io.out().println("  public:  " + w.publicKey() + "   (commit it: it is what verifies a run)");
            io.out().println("Sign a run:   ./chaos run NAME --signing-key " + w.privateKey());
            io.out().println("Verify one:   ./chaos report verify RUN_DIR --key " + w.publicKey());
            return ExitCodes.OK;
        }
    }
}
