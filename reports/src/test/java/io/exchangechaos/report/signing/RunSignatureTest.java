package io.exchangechaos.report.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Reports;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportSchema;
import io.exchangechaos.report.manifest.ManifestWriter;
import io.exchangechaos.report.manifest.ReportVerifyMain;
import io.exchangechaos.report.manifest.Verification.Kind;
import io.exchangechaos.report.manifest.Verification.Problem;
import io.exchangechaos.report.signing.SignatureCheck.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed run directory (the recorded fixture run, its reports written as a signed run writes them) against every way
 * of tampering with it: each is caught with a key, and named.
 */
class RunSignatureTest {
    static final SigningKey KEY = SigningKey.generate();
    static final SigningKey OTHER = SigningKey.generate();

    @TempDir
    Path tmp;
    Path run;
    Path pub;
    Path otherPub;

    @BeforeEach
    void signedRun() throws Exception {
        run = signedRun(tmp.resolve("runs"), KEY);
        pub = Files.writeString(tmp.resolve("chaos-signing.pub"), KEY.verifyingKey().pem());
        otherPub = Files.writeString(tmp.resolve("other.pub"), OTHER.verifyingKey().pem());
    }

    /** As the runner leaves a signed run: report.json names the key, the manifest seals it, manifest.sig signs that. */
    static Path signedRun(Path root, SigningKey key) throws Exception {
        Path runDir = Fixture.FAIL.runDir(root);
        RunOutcome signed = Fixture.FAIL.outcome().toOutcome().signedBy(new RunOutcome.SignatureInfo(key.keyId(), "Ed25519"));
        Reports.writeAll(signed, runDir);
        new ManifestSigner(key).sign(runDir);
        return runDir;
    }

    @Test
    void a_signed_run_holds_under_its_key_and_names_the_key_in_report_json() throws Exception {
        SignatureCheck check = RunSignature.check(run, Optional.of(VerifyingKey.read(pub, "--key")));

        assertThat(check.problems()).isEmpty();
        assertThat(check.status()).isEqualTo(Status.VALID);
        assertThat(check.keyId()).isEqualTo(KEY.keyId());
        var report = ReportJson.mapper().readTree(run.resolve("report.json").toFile());
        assertThat(report.at("/signature/keyId").asText()).isEqualTo(KEY.keyId());
        assertThat(report.at("/signature/algorithm").asText()).isEqualTo("Ed25519");
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(Files.readString(run.resolve("report.html"))).contains("<dt>Signed</dt><dd>by key id " + KEY.keyId()
            + " (Ed25519): manifest.sig; check it with ./chaos report verify &lt;this directory&gt; --key PUBLIC_KEY</dd>");
        var manifest = ReportJson.mapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("files").findValuesAsText("path")).contains("report.json").doesNotContain("manifest.sig");

        Cli cli = Cli.run(run.toString(), "--key", pub.toString());
        assertThat(cli.exit).as(cli.out + cli.err).isZero();
        assertThat(cli.out).contains("] is intact: ").endsWith("Signed by key id " + KEY.keyId()
            + " (Ed25519): the signature of manifest.json holds under the key given [" + pub + "]\n");
    }

    @Test
    void without_a_key_a_signed_run_is_said_to_be_signed_but_not_checked_and_an_unsigned_one_unsigned() throws Exception {
        Cli signed = Cli.run(run.toString());
        Path unsigned = Fixture.PASS.writtenRun(tmp.resolve("unsigned"));
        Cli plain = Cli.run(unsigned.toString());

        assertThat(signed.exit).isZero();
        assertThat(signed.out).endsWith("Signed by key id " + KEY.keyId() + " (Ed25519), but the signature was not "
            + "checked: give --key PUBLIC_KEY (the chaos-signing.pub of that key pair) to check it\n");
        assertThat(plain.exit).isZero();
        assertThat(plain.out).endsWith("Unsigned: the run has no manifest.sig, so anyone who could write its directory "
            + "could have recomputed the manifest (sign runs with --signing-key FILE or CHAOS_SIGNING_KEY)\n");
        assertThat(RunSignature.check(unsigned, Optional.empty()).status()).isEqualTo(Status.UNSIGNED);
    }

    @Test
    void an_edited_file_with_the_manifest_recomputed_fails_with_the_key() throws Exception {
        // GIVEN a forger edits summary.md and recomputes manifest.json, which alone would verify again
        Files.writeString(run.resolve("summary.md"), "# PASS\n");
        ReportJson.write(ManifestWriter.build(Fixture.FAIL.outcome(), run), run.resolve("manifest.json"));

        // WHEN the run is verified with the public key
        SignatureCheck check = RunSignature.check(run, Optional.of(VerifyingKey.read(pub, "--key")));
        Cli cli = Cli.run(run.toString(), "--key", pub.toString());

        // THEN the signature no longer holds: the manifest is not the one signed
        assertThat(check.status()).isEqualTo(Status.INVALID);
        assertThat(check.problems()).extracting(Problem::kind, Problem::path).containsExactly(tuple(Kind.SIGNATURE, "manifest.json"));
        assertThat(check.problems().get(0).message()).startsWith("altered after it was signed: the signature of key id ["
            + KEY.keyId() + "] does not verify (its SHA-256 is [").endsWith("a manifest recomputed after an edit cannot "
            + "be signed without the private key");
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).startsWith("SIGNATURE manifest.json: altered after it was signed")
            .endsWith("is intact, but its signature does not hold: 1 problem in manifest.json\n");
        // AND without the key, the recorded hash of the signed manifest still shows it
        Cli unkeyed = Cli.run(run.toString());
        assertThat(unkeyed.exit).isEqualTo(1);
        assertThat(unkeyed.out).startsWith("SIGNATURE manifest.json: altered after it was signed: its SHA-256 is [");
    }

    @Test
    void a_forger_who_also_rewrites_the_recorded_hash_is_caught_by_the_signature() throws Exception {
        Files.writeString(run.resolve("summary.md"), "# PASS\n");
        ReportJson.write(ManifestWriter.build(Fixture.FAIL.outcome(), run), run.resolve("manifest.json"));
        ObjectNode sig = signature();
        sig.put("signsSha256", ManifestSignature.sha256(Files.readAllBytes(run.resolve("manifest.json"))));
        writeSignature(sig);

        assertThat(Cli.run(run.toString()).exit).as("without a key nothing shows it").isZero();
        SignatureCheck check = RunSignature.check(run, Optional.of(VerifyingKey.read(pub, "--key")));

        assertThat(check.problems()).extracting(Problem::message).containsExactly("the signature is invalid: it does not "
            + "verify manifest.json with key id [" + KEY.keyId() + "], so manifest.sig was altered or forged");
    }

    @Test
    void a_signature_swapped_in_from_another_run_of_the_same_key_does_not_hold() throws Exception {
        Path second = signedRun(tmp.resolve("second"), KEY);
        Files.writeString(second.resolve("summary.md"), "# another run\n");
        ReportJson.write(ManifestWriter.build(Fixture.FAIL.outcome(), second), second.resolve("manifest.json"));
        new ManifestSigner(KEY).sign(second);
        ObjectNode sig = signature();
        sig.put("signature", ReportJson.mapper().readTree(second.resolve("manifest.sig").toFile()).path("signature").asText());
        writeSignature(sig);

        SignatureCheck check = RunSignature.check(run, Optional.of(VerifyingKey.read(pub, "--key")));

        assertThat(check.status()).isEqualTo(Status.INVALID);
        assertThat(check.problems()).extracting(Problem::message).containsExactly("the signature is invalid: it does not "
            + "verify manifest.json with key id [" + KEY.keyId() + "], so manifest.sig was altered or forged");
    }

    @Test
    void a_run_verified_with_another_key_fails_naming_both_key_ids() throws Exception {
        Cli cli = Cli.run(run.toString(), "--key", otherPub.toString());

        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).isEqualTo("SIGNATURE manifest.sig: signed by another key: key id [" + KEY.keyId()
            + "], but the key given has key id [" + OTHER.keyId() + "]; verify with the public key of the pair that signed "
            + "the run, or the run was re-signed by someone else\n"
            + "Run directory [" + run + "] is intact, but its signature does not hold: 1 problem in manifest.sig\n");
    }

    @Test
    void a_run_re_signed_by_another_key_after_an_edit_fails_with_the_real_key() throws Exception {
        // GIVEN a forger with their own key: report.json rewritten to name it, the manifest recomputed, then signed
        ReportJson forged = ReportJson.of(Fixture.FAIL.outcome().toOutcome()
            .signedBy(new RunOutcome.SignatureInfo(OTHER.keyId(), "Ed25519")));
        ReportJson.write(forged.toTree(), run.resolve("report.json"));
        ReportJson.write(ManifestWriter.build(forged, run), run.resolve("manifest.json"));
        new ManifestSigner(OTHER).sign(run);

        SignatureCheck check = RunSignature.check(run, Optional.of(VerifyingKey.read(pub, "--key")));

        assertThat(check.problems()).extracting(Problem::message).containsExactly("signed by another key: key id ["
            + OTHER.keyId() + "], but the key given has key id [" + KEY.keyId() + "]; verify with the public key of the pair "
            + "that signed the run, or the run was re-signed by someone else");
    }

    @Test
    void a_truncated_signature_is_named_with_its_length() throws Exception {
        ObjectNode sig = signature();
        byte[] bytes = Base64.getDecoder().decode(sig.path("signature").asText());
        sig.put("signature", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 40)));
        writeSignature(sig);

        Cli cli = Cli.run(run.toString(), "--key", pub.toString());

        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).startsWith("SIGNATURE manifest.sig: the signature is 40 bytes; an Ed25519 signature is 64: "
            + "it was truncated or altered\n");
    }

    @Test
    void a_signature_file_cut_short_is_named_as_damaged() throws Exception {
        String text = Files.readString(run.resolve("manifest.sig"));
        Files.writeString(run.resolve("manifest.sig"), text.substring(0, text.length() / 2));

        SignatureCheck check = RunSignature.check(run, Optional.empty());

        assertThat(check.status()).isEqualTo(Status.INVALID);
        assertThat(check.problems()).extracting(Problem::message).singleElement().asString()
            .startsWith("not valid JSON (").endsWith("); the signature file was damaged or truncated");
    }

    @Test
    void a_removed_signature_is_missing_since_report_json_names_the_key() throws Exception {
        Files.delete(run.resolve("manifest.sig"));

        SignatureCheck check = RunSignature.check(run, Optional.empty());
        Cli cli = Cli.run(run.toString());

        assertThat(check.problems()).extracting(Problem::kind, Problem::path, Problem::message).containsExactly(
            tuple(Kind.MISSING, "manifest.sig", "missing; report.json says the run was signed by key id [" + KEY.keyId()
                + "], so the signature was removed"));
        assertThat(cli.exit).isEqualTo(1);
    }

    @Test
    void an_unsigned_run_fails_when_a_key_is_given() throws Exception {
        Path unsigned = Fixture.PASS.writtenRun(tmp.resolve("unsigned"));

        Cli cli = Cli.run(unsigned.toString(), "--key", pub.toString());

        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).startsWith("SIGNATURE manifest.sig: missing: the run is unsigned, so nothing shows that the "
            + "holder of key id [" + KEY.keyId() + "] sealed it (sign runs with --signing-key FILE or CHAOS_SIGNING_KEY)\n")
            .endsWith("] is intact, but unsigned: 1 problem in manifest.sig\n");
    }

    @Test
    void a_signature_added_to_a_run_that_was_not_signed_when_it_ran_is_refused() throws Exception {
        Path unsigned = Fixture.PASS.writtenRun(tmp.resolve("unsigned"));
        new ManifestSigner(KEY).sign(unsigned);

        SignatureCheck check = RunSignature.check(unsigned, Optional.of(VerifyingKey.read(pub, "--key")));

        assertThat(check.status()).isEqualTo(Status.INVALID);
        assertThat(check.problems()).extracting(Problem::message).containsExactly("report.json records no signature, so "
            + "the run was not signed when it ran: manifest.sig was added afterwards");
    }

    @Test
    void a_key_that_cannot_be_read_is_a_usage_error_and_nothing_is_checked() throws Exception {
        Path rsa = tmp.resolve("rsa.pub");
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Files.writeString(rsa, Pem.write("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded()));

        Cli wrongType = Cli.run(run.toString(), "--key", rsa.toString());
        Cli missing = Cli.run(run.toString(), "--key", tmp.resolve("none.pub").toString());
        Cli noValue = Cli.run(run.toString(), "--key");

        assertThat(wrongType.exit).isEqualTo(2);
        assertThat(wrongType.out).isEmpty();
        assertThat(wrongType.err).startsWith("--key [" + rsa + "]: an RSA public key; runs are signed with Ed25519");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).startsWith("--key [" + tmp.resolve("none.pub") + "]: no such file; ");
        assertThat(noValue.exit).isEqualTo(2);
        assertThat(noValue.err).startsWith("usage: chaos report verify DIR [--key PUBLIC_KEY]");
    }

    @Test
    void openssl_verifies_the_signature_with_the_public_key_file_offline() throws Exception {
        // the docs' recipe for an auditor without this tool
        Path sig = tmp.resolve("manifest.sig.bin");
        Files.write(sig, Base64.getDecoder().decode(signature().path("signature").asText()));

        Result ok = openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin",
            "-in", run.resolve("manifest.json").toString(), "-sigfile", sig.toString());
        Files.writeString(run.resolve("manifest.json"), Files.readString(run.resolve("manifest.json")) + " ");
        Result altered = openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin",
            "-in", run.resolve("manifest.json").toString(), "-sigfile", sig.toString());

        assertThat(ok.exit).as(ok.out).isZero();
        assertThat(ok.out).contains("Signature Verified Successfully");
        assertThat(altered.exit).as(altered.out).isNotZero();
    }

    @Test
    void a_key_openssl_generated_signs_runs_that_verify_with_the_public_key_openssl_derives() throws Exception {
        Path key = tmp.resolve("openssl.key");
        Path pubFromOpenssl = tmp.resolve("openssl.pub");
        assertThat(openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString()).exit).isZero();
        assertThat(openssl("pkey", "-in", key.toString(), "-pubout", "-out", pubFromOpenssl.toString()).exit).isZero();

        SigningKey read = SigningKey.read(key, "--signing-key");
        Path other = signedRun(tmp.resolve("openssl-run"), read);

        assertThat(read.verifyingKey().pem()).isEqualTo(Files.readString(pubFromOpenssl));
        assertThat(Cli.run(other.toString(), "--key", pubFromOpenssl.toString()).exit).isZero();
    }

    private ObjectNode signature() throws Exception {
        return (ObjectNode) ReportJson.mapper().readTree(run.resolve("manifest.sig").toFile());
    }

    private void writeSignature(ObjectNode sig) throws Exception {
        Files.writeString(run.resolve("manifest.sig"), ReportJson.pretty(sig));
    }

    record Result(int exit, String out) {
    }

    static Result openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("openssl is not installed: these tests check signatures against it, as an auditor "
                + "would (Debian: apt-get install -y openssl)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ReportVerifyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
