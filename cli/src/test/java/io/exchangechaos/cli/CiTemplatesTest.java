package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The CI templates in ci/ are what users copy: each must parse (YAML, or pass a Groovy sanity check for the
 * Jenkinsfile), publish junit.xml, summary.md and report.html, and call only {@code ./chaos} commands and options
 * that exist, parsed against the real command tree.
 */
class CiTemplatesTest {
    static final Path CI = Path.of("..", "ci");
    static final Pattern CHAOS = Pattern.compile("\\./chaos((?:\\s+[^\\s;&|>]+)*)");
    /** What CI variables stand for when a command line is checked: a library scenario. */
    static final Map<String, String> VARIABLES = Map.of(
        "${{ matrix.scenario }}", "region-loss",
        "$SCENARIO", "region-loss",
        "${params.SCENARIO}", "region-loss");

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "github-actions-nightly.yml", "gitlab-ci.yml"})
    void yamlTemplatesParseAndCallRealCommands(String file) throws Exception {
        // GIVEN
        String text = Files.readString(CI.resolve(file));

        // WHEN
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(text);
        List<String> commands = new ArrayList<>();
        strings(yaml, s -> commands.addAll(chaosCommands(s)));

        // THEN
        assertThat(yaml.isObject()).as(file + " is a YAML mapping").isTrue();
        assertThat(commands).as(file + " runs scenarios").anyMatch(c -> c.startsWith("./chaos run "));
        commands.forEach(c -> assertCommandExists(file, c));
        assertThat(text).as(file + " publishes the artifacts").contains("junit.xml").contains("summary.md").contains("chaos-runs/");
    }

    @Test
    void githubActionsWorkflowsHaveJobsWithSteps() throws Exception {
        for (String file : List.of("github-actions.yml", "github-actions-nightly.yml")) {
            JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(CI.resolve(file).toFile());
            assertThat(yaml.has("on")).as(file + " has triggers").isTrue();
            yaml.get("jobs").forEach(job -> {
                assertThat(job.path("runs-on").asText()).isNotEmpty();
                assertThat(job.get("steps").isArray()).isTrue();
                job.get("steps").forEach(step -> assertThat(step.has("run") || step.has("uses"))
                    .as(file + ": each step runs or uses something: " + step).isTrue());
            });
        }
        JsonNode nightly = new ObjectMapper(new YAMLFactory()).readTree(CI.resolve("github-actions-nightly.yml").toFile());
        assertThat(nightly.at("/on/schedule/0/cron").asText()).matches("[0-9*/,\\- ]+");
        assertThat(Files.readString(CI.resolve("github-actions-nightly.yml"))).contains("./chaos run --all");
    }

    @Test
    void gitlabHasAPerPipelineJobAndAScheduledLibraryJob() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(CI.resolve("gitlab-ci.yml").toFile());

        assertThat(yaml.at("/.chaos/artifacts/reports/junit").asText()).isEqualTo("chaos-runs/**/junit.xml");
        assertThat(yaml.at("/chaos/extends").asText()).isEqualTo(".chaos");
        assertThat(yaml.at("/chaos-nightly/rules/0/if").asText()).isEqualTo("$CI_PIPELINE_SOURCE == \"schedule\"");
        assertThat(yaml.at("/chaos-nightly/script/0").asText()).isEqualTo("./chaos run --all --out chaos-runs");
    }

    @Test
    void jenkinsfileIsASaneDeclarativePipelineCallingRealCommands() throws Exception {
        String text = Files.readString(CI.resolve("Jenkinsfile"));

        assertThatCode(() -> GroovySanity.check(text)).doesNotThrowAnyException();
        assertThat(text).contains("pipeline {").contains("stages {").contains("post {").contains("cron(")
            .contains("junit ").contains("archiveArtifacts").contains("report.html").contains("summary.md");
        List<String> commands = chaosCommands(String.join("\n", shSteps(text)));
        assertThat(commands).contains("./chaos run --all --out chaos-runs", "./chaos run 'region-loss' --out chaos-runs",
            "./chaos cleanup");
        commands.forEach(c -> assertCommandExists("Jenkinsfile", c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "github-actions-nightly.yml", "gitlab-ci.yml", "Jenkinsfile"})
    void everyTemplateSignsWithASecretAndVerifiesWithTheCommittedPublicKey(String file) throws Exception {
        // GIVEN
        String text = Files.readString(CI.resolve(file));

        // WHEN
        List<String> commands = new ArrayList<>();
        if (file.equals("Jenkinsfile")) {
            commands.addAll(chaosCommands(String.join("\n", shSteps(text))));
        } else {
            strings(new ObjectMapper(new YAMLFactory()).readTree(text), s -> commands.addAll(chaosCommands(s)));
        }

        // THEN the private key comes from the CI's secret store, never from a file in the repository
        assertThat(text).as(file + " takes the key from a secret").contains("CHAOS_SIGNING_KEY")
            .contains("./chaos keys init keys").contains("never");
        assertThat(commands).as(file).noneMatch(c -> c.contains("--signing-key") || c.contains("chaos-signing.key"));
        // AND every run is checked with the public key committed next to the pipeline
        assertThat(commands).as(file + " verifies with the committed public key")
            .anyMatch(c -> c.startsWith("./chaos report verify ") && c.endsWith(" --key keys/chaos-signing.pub"));
        commands.forEach(c -> assertCommandExists(file, c));
    }

    @Test
    void githubHandsTheSecretToTheRunStepOnlyAndChecksTheSignatureWhenItSigned() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(CI.resolve("github-actions.yml").toFile());
        JsonNode job = yaml.at("/jobs/chaos");
        List<JsonNode> steps = new ArrayList<>();
        job.get("steps").forEach(steps::add);

        JsonNode run = steps.stream().filter(s -> s.path("run").asText().startsWith("./chaos run ")).findFirst().orElseThrow();
        JsonNode verify = steps.stream().filter(s -> s.path("run").asText().startsWith("./chaos report verify "))
            .findFirst().orElseThrow();

        assertThat(run.at("/env/CHAOS_SIGNING_KEY").asText()).isEqualTo("${{ secrets.CHAOS_SIGNING_KEY }}");
        assertThat(steps).filteredOn(s -> s != run).noneMatch(s -> s.has("env") && s.get("env").has("CHAOS_SIGNING_KEY"));
        assertThat(job.at("/env/SIGNED").asText()).isEqualTo("${{ secrets.CHAOS_SIGNING_KEY != '' }}");
        assertThat(verify.path("if").asText()).isEqualTo("always() && env.SIGNED == 'true'");
        assertThat(steps.indexOf(verify)).isGreaterThan(steps.indexOf(run));
    }

    @Test
    void jenkinsBindsTheKeyFileCredentialAroundTheRunsAndGitlabReadsAFileVariable() throws Exception {
        String jenkins = Files.readString(CI.resolve("Jenkinsfile"));
        String gitlab = Files.readString(CI.resolve("gitlab-ci.yml"));

        int bound = jenkins.indexOf("withCredentials([file(credentialsId: 'chaos-signing-key', variable: 'CHAOS_SIGNING_KEY')]) {");
        assertThat(bound).isPositive().isLessThan(jenkins.indexOf("sh './chaos run --all --out chaos-runs'"));
        assertThat(jenkins).contains("chaos-runs/**/manifest.sig");
        assertThat(gitlab).contains("CI/CD variable of type File named CHAOS_SIGNING_KEY");
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(gitlab);
        for (String job : List.of("chaos", "chaos-nightly")) {
            List<String> script = new ArrayList<>();
            yaml.get(job).get("script").forEach(line -> script.add(line.asText()));
            assertThat(script.get(script.size() - 1)).as(job).startsWith("if [ -n \"$CHAOS_SIGNING_KEY\" ]; then for run in "
                + "chaos-runs/*/latest; do ./chaos report verify \"$run\" --key keys/chaos-signing.pub || exit 1; done; fi");
        }
    }

    @Test
    void theSanityCheckCatchesBrokenGroovy() {
        assertThatCode(() -> GroovySanity.check("pipeline { stages { stage('x') { steps { sh 'a' } } }"))
            .hasMessageContaining("unclosed [{] opened at line 1");
        assertThatCode(() -> GroovySanity.check("pipeline { sh 'a }"))
            .hasMessageContaining("unclosed string");
        assertThatCode(() -> GroovySanity.check("pipeline { ) }"))
            .hasMessageContaining("[)] at line 1 closes [{]");
        assertThatCode(() -> GroovySanity.check("node { }")).hasMessageContaining("no [pipeline {]");
    }

    @Test
    void variablesAreExpandedBeforeCommandsAreRead() {
        assertThat(chaosCommands("run: ./chaos run \"${{ matrix.scenario }}\" --out chaos-runs && echo done"))
            .containsExactly("./chaos run \"region-loss\" --out chaos-runs");
        assertThat(shSteps("    sh \"./chaos validate '${params.SCENARIO}'\"\n    sh './chaos cleanup'\n"))
            .containsExactly("./chaos validate '${params.SCENARIO}'", "./chaos cleanup");
    }

    @Test
    void aCommandThatDoesNotExistIsCaught() {
        assertThatCode(() -> assertCommandExists("x", "./chaos runn region-loss")).isInstanceOf(AssertionError.class);
        assertThatCode(() -> assertCommandExists("x", "./chaos run region-loss --fast")).isInstanceOf(AssertionError.class);
        assertThatCode(() -> assertCommandExists("x", "./chaos run regoin-loss")).isInstanceOf(AssertionError.class);
    }

    /** Parses {@code command} against the real command tree; a library scenario it names must exist. */
    static void assertCommandExists(String file, String command) {
        List<String> args = words(command.substring("./chaos".length()));
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine cl = ChaosMain.commandLine(new Io(nowhere, nowhere, InputStream.nullInputStream(), false));
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(file + ": [" + command + "] is not a valid chaos command: " + e.getMessage());
        }
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        String name = leaf.commandSpec().name();
        if ((name.equals("run") || name.equals("validate") || name.equals("gameday")) && leaf.hasMatchedPositional(0)) {
            for (String scenario : leaf.matchedPositional(0).stringValues()) {
                assertThat(ScenarioSource.resolve(scenario).problem()).as(file + ": " + command).isNull();
            }
        }
    }

    /** The {@code ./chaos} command lines in {@code text}, CI variables replaced by what they stand for. */
    static List<String> chaosCommands(String text) {
        List<String> commands = new ArrayList<>();
        for (String line : text.split("\n")) {
            String expanded = line;
            for (var v : VARIABLES.entrySet()) {
                expanded = expanded.replace(v.getKey(), v.getValue());
            }
            Matcher m = CHAOS.matcher(expanded);
            while (m.find()) {
                commands.add(("./chaos" + m.group(1)).strip());
            }
        }
        return commands;
    }

    /** The Jenkinsfile's {@code sh '…'} and {@code sh "…"} steps. */
    static List<String> shSteps(String jenkinsfile) {
        List<String> steps = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*sh\\s+(['\"])(.*)\\1\\s*$").matcher(jenkinsfile);
        while (m.find()) {
            steps.add(m.group(2));
        }
        return steps;
    }

    /** Splits like a shell: whitespace separates, quotes group. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || w.length() > 0) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    static void strings(JsonNode node, java.util.function.Consumer<String> each) {
        if (node.isTextual()) {
            each.accept(node.asText());
        }
        node.forEach(child -> strings(child, each));
    }

    /** Not a Groovy parser: brackets balance outside strings and comments, strings close, a pipeline block exists. */
    static final class GroovySanity {
        static void check(String text) {
            Deque<int[]> open = new ArrayDeque<>();
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                    line++;
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed comment at line " + line);
                    }
                    line += count(text.substring(i, end), '\n');
                    i = end + 1;
                } else if (c == '\'' || c == '"') {
                    String delimiter = text.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                    int end = i + delimiter.length();
                    while (true) {
                        end = text.indexOf(delimiter, end);
                        if (end < 0 || (delimiter.length() == 1 && text.substring(i, end).contains("\n"))) {
                            throw new IllegalArgumentException("unclosed string at line " + line);
                        }
                        if (text.charAt(end - 1) != '\\') {
                            break;
                        }
                        end++;
                    }
                    line += count(text.substring(i, end), '\n');
                    i = end + delimiter.length() - 1;
                } else if (c == '{' || c == '(' || c == '[') {
                    open.push(new int[] {c, line});
                } else if (c == '}' || c == ')' || c == ']') {
                    char expected = c == '}' ? '{' : c == ')' ? '(' : '[';
                    if (open.isEmpty()) {
                        throw new IllegalArgumentException("[" + c + "] at line " + line + " closes nothing");
                    }
                    int[] top = open.pop();
                    if (top[0] != expected) {
                        throw new IllegalArgumentException("[" + c + "] at line " + line + " closes [" + (char) top[0]
                            + "] opened at line " + top[1]);
                    }
                }
            }
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("unclosed [" + (char) open.peek()[0] + "] opened at line " + open.peek()[1]);
            }
            if (!Pattern.compile("(?m)^\\s*pipeline\\s*\\{").matcher(text).find()) {
                throw new IllegalArgumentException("no [pipeline {] block: not a declarative pipeline");
            }
        }

        private static int count(String s, char c) {
            return (int) s.chars().filter(x -> x == c).count();
        }
    }
}
