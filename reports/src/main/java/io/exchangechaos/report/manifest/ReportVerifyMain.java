package io.exchangechaos.report.manifest;

import io.exchangechaos.report.manifest.Verification.Problem;
import io.exchangechaos.report.signing.RunSignature;
import io.exchangechaos.report.signing.SignatureCheck;
import io.exchangechaos.report.signing.SigningKey;
import io.exchangechaos.report.signing.UnusableKeyException;
import io.exchangechaos.report.signing.VerifyingKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./chaos report verify DIR [--key PUBLIC_KEY]}: exit 0 when every artifact matches the manifest (and, with a
 * key, the manifest's signature holds under it), 1 when anything was altered, is missing or was added, or the signature
 * does not hold (each problem on its own line, naming the file), 2 for a usage error or a key that cannot be read.
 */
public final class ReportVerifyMain {

    public static final int INTACT = 0;
    public static final int ALTERED = 1;
    public static final int USAGE = 2;
    static final String USAGE_LINE = "usage: chaos report verify DIR [--key PUBLIC_KEY]   (DIR: a run directory, e.g. "
        + "target/chaos-runs/region-loss/latest; PUBLIC_KEY: the chaos-signing.pub of the key pair that signed it)";

    private ReportVerifyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String dirArg = null;
        String keyArg = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--key") && i + 1 < args.length && keyArg == null) {
                keyArg = args[++i];
            } else if (args[i].startsWith("--key=") && keyArg == null) {
                keyArg = args[i].substring("--key=".length());
            } else if (!args[i].startsWith("-") && dirArg == null) {
                dirArg = args[i];
            } else {
                err.println(USAGE_LINE);
                return USAGE;
            }
        }
        if (dirArg == null) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        Path dir = Path.of(dirArg);
        if (!Files.isDirectory(dir)) {
            err.println("Run directory [" + dir + "] does not exist; pass the directory `chaos run` printed");
            return USAGE;
        }
        Optional<VerifyingKey> key = Optional.empty();
        if (keyArg != null) {
            try {
                key = Optional.of(VerifyingKey.read(Path.of(keyArg), "--key"));
            } catch (UnusableKeyException e) {
                err.println(e.getMessage());
                return USAGE;
            }
        }
        Verification v;
        SignatureCheck signature;
        try {
            v = ReportVerifier.verify(dir);
            signature = RunSignature.check(dir, key);
        } catch (IOException e) {
            err.println("Run directory [" + dir + "] could not be read: " + e.getMessage());
            return ALTERED;
        }
        List<Problem> problems = new ArrayList<>(v.problems());
        problems.addAll(signature.problems());
        if (problems.isEmpty()) {
            out.println("Run directory [" + dir + "] is intact: " + v.filesChecked() + " files and " + v.eventsChecked()
                + " timeline events match manifest.json (chain head " + v.head() + ")");
            out.println(describe(signature, keyArg));
            return INTACT;
        }
        for (Problem p : problems) {
            out.println(p.kind() + " " + p);
        }
        Set<String> files = new TreeSet<>();
        problems.forEach(p -> files.add(p.path()));
        String count = problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + String.join(", ", files);
        out.println(!v.intact() ? "Run directory [" + dir + "] was altered: " + count
            : signature.status() == SignatureCheck.Status.UNSIGNED ? "Run directory [" + dir + "] is intact, but unsigned: "
                + count
            : "Run directory [" + dir + "] is intact, but its signature does not hold: " + count);
        return ALTERED;
    }

    /** The signature's line, for a run whose checks all held. */
    static String describe(SignatureCheck signature, String keyArg) {
        return switch (signature.status()) {
            case UNSIGNED -> "Unsigned: the run has no manifest.sig, so anyone who could write its directory could have "
                + "recomputed the manifest (sign runs with --signing-key FILE or " + SigningKey.ENVIRONMENT_VARIABLE + ")";
            case NOT_CHECKED -> "Signed by key id " + signature.keyId() + " (" + signature.algorithm() + "), but the "
                + "signature was not checked: give --key PUBLIC_KEY (the chaos-signing.pub of that key pair) to check it";
            case VALID -> "Signed by key id " + signature.keyId() + " (" + signature.algorithm() + "): the signature of "
                + "manifest.json holds under the key given [" + keyArg + "]";
            case INVALID -> throw new IllegalStateException("an invalid signature always has a problem");
        };
    }
}
