package io.exchangechaos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash completion script for {@code chaos} (picocli AutoComplete), run at build time into
 * {@code cli/target/chaos-completion.bash}. Use: {@code source cli/target/chaos-completion.bash}.
 */
public final class CompletionScript {

    private CompletionScript() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "cli/target/chaos-completion.bash");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, script());
    }

    static String script() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        String script = AutoComplete.bash("chaos", ChaosMain.commandLine(new Io(nowhere, nowhere, InputStream.nullInputStream(), false)));
        // users type ./chaos from the repository root
        return script + "complete -F _complete_chaos -o default ./chaos\n";
    }
}
