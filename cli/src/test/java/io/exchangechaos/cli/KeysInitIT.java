package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./chaos keys init DIR} as a user types it: a key pair openssl reads as Ed25519, the private half readable by
 * its owner only, and a second init into a directory holding either half refused (exit 2) with nothing written.
 */
class KeysInitIT {

    @Test
    void keysInitWritesAnEd25519PairOpensslReadsAndNeverOverwritesIt() throws Exception {
        // GIVEN an empty place for the keys
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/keys-init-it"));
        Path dir = work.resolve("keys-" + System.nanoTime());

        // WHEN
        Launcher.Result init = Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), "keys", "init", dir.toString());

        // THEN the pair is written, the private key for its owner's eyes only, and the key id printed
        assertThat(init.exit()).as(init.out() + init.err()).isZero();
        Path key = dir.resolve("chaos-signing.key");
        Path pub = dir.resolve("chaos-signing.pub");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        Matcher id = Pattern.compile("(?m)^Wrote an Ed25519 key pair, key id ([0-9a-f]{16}):$").matcher(init.out());
        assertThat(id.find()).as(init.out()).isTrue();
        assertThat(init.out()).contains("Verify one:   ./chaos report verify RUN_DIR --key " + pub)
            .doesNotContain(Files.readString(key).lines().skip(1).findFirst().orElseThrow());
        // AND openssl reads the private key as Ed25519 and derives the same public key from it
        Launcher.Result text = Launcher.run(work, Map.of(), Duration.ofSeconds(30),
            List.of("openssl", "pkey", "-in", key.toString(), "-noout", "-text"));
        Launcher.Result derived = Launcher.run(work, Map.of(), Duration.ofSeconds(30),
            List.of("openssl", "pkey", "-in", key.toString(), "-pubout"));
        assertThat(text.out()).startsWith("ED25519 Private-Key:");
        assertThat(derived.out()).isEqualTo(Files.readString(pub));

        // WHEN keys init is run again on the same directory
        String keyBefore = Files.readString(key);
        String pubBefore = Files.readString(pub);
        Launcher.Result again = Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), "keys", "init", dir.toString());

        // THEN it is refused, and neither file changes
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("keys init: [" + key + "] exists already; nothing was written. A key is never "
            + "overwritten (the runs it signed could no longer be verified with a new one): pass another DIR, or move the "
            + "old pair away first\n");
        assertThat(Files.readString(key)).isEqualTo(keyBefore);
        assertThat(Files.readString(pub)).isEqualTo(pubBefore);

        // WHEN the directory holds only a public key (as a checkout that committed it does)
        Path checkout = Files.createDirectories(work.resolve("checkout-" + System.nanoTime()));
        Files.writeString(checkout.resolve("chaos-signing.pub"), pubBefore);
        Launcher.Result lonePub = Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), "keys", "init",
            checkout.toString());

        // THEN it is refused too, and no private key appears beside it
        assertThat(lonePub.exit()).as(lonePub.out() + lonePub.err()).isEqualTo(2);
        assertThat(lonePub.err()).startsWith("keys init: [" + checkout.resolve("chaos-signing.pub") + "] exists already");
        assertThat(checkout.resolve("chaos-signing.key")).doesNotExist();
        assertThat(Files.readString(checkout.resolve("chaos-signing.pub"))).isEqualTo(pubBefore);

        // AND report verify refuses the private key as a verifying key (exit 2), naming why
        Launcher.Result wrongKey = Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), "report", "verify",
            work.toString(), "--key", key.toString());
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.err()).isEqualTo("--key [" + key + "]: a private key; verify with the public key "
            + "(chaos-signing.pub), and keep the private key away from everyone who only checks runs\n");
    }
}
