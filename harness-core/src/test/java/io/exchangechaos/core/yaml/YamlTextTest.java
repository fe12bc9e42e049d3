package io.exchangechaos.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text that is not a definition's text: each is one located problem with its fix, never an exception. */
class YamlTextTest {

    private static final String VALID = """
            name: bom
            target: {topology: multi-region}
            load: {rate: 200/s, duration: 60s}
            """;

    @Test
    void aFileWithoutEndIsRefusedAfterOneMebibyte() {
        // GIVEN /dev/zero named as a scenario WHEN it is loaded THEN reading stops at the limit and says so
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
                () -> Scenarios.load(Path.of("/dev/zero")));

        assertThat(e.getMessage()).isEqualTo("zero:1:1: the file is larger than 1 MiB, and a definition is a few kilobytes; "
                + "check that this is the file you meant");
    }

    @Test
    void textBeyondTheParsersCodePointLimitIsLocated() {
        // GIVEN a definition given as text (the Java API), longer than the parser reads
        String yaml = VALID + "description: " + "x".repeat(YamlText.MAX_BYTES) + "\n";

        // WHEN it is parsed THEN SnakeYAML's own limit stops it, reported as a problem
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
                () -> Scenarios.parse(yaml, "long.yaml"));

        assertThat(e.getMessage()).isEqualTo("long.yaml:1:1: the text is longer than 1048576 characters, and a definition "
                + "is a few thousand; check that this is the file you meant");
    }

    @Test
    void deepNestingInTextIsLocatedAtTheBracketThatCrossesTheLimit() {
        // GIVEN text nested 2,000 levels deep in block style, given to the Java API
        StringBuilder deep = new StringBuilder(VALID).append("description:\n");
        for (int level = 0; level < 2_000; level++) {
            deep.append(" ".repeat(level)).append("a:\n");
        }

        // WHEN it is parsed THEN Jackson's nesting limit stops it: one located problem, no stack overflow
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
                () -> Scenarios.parse(deep.toString(), "deep.yaml"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            // block style: the parser marks a mapping where its first key is read, a line below the "a:" that opens it
            assertThat(p.line()).isBetween(4 + YamlText.MAX_NESTING - 2, 4 + YamlText.MAX_NESTING + 1);
            assertThat(p.message()).startsWith("nested more than 64 levels deep");
        });
    }

    @Test
    void aUtf8ByteOrderMarkIsNoProblem(@TempDir Path dir) throws Exception {
        // GIVEN a valid scenario saved as UTF-8 with a byte order mark (as some Windows editors do)
        Path file = dir.resolve("bom.yaml");
        byte[] text = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);

        // WHEN it is loaded THEN it reads like the same file without the mark
        Scenario scenario = Scenarios.load(file);

        assertThat(scenario.name()).isEqualTo("bom");
    }

    @Test
    void aMalformedByteOnALaterLineIsLocatedInCharactersNotBytes() {
        // GIVEN UTF-8 text with two-byte characters before a byte that is not UTF-8 (a Latin-1 'é')
        byte[] head = "name: café\ndescription: crème ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xe9;
        Problems problems = new Problems("latin1.yaml");

        // WHEN it is decoded THEN the problem points at line 2, the 20th character
        assertThat(YamlText.decode(bytes, problems)).isEmpty();

        assertThat(problems.list()).singleElement().hasToString("latin1.yaml:2:20: the file is not UTF-8 text (byte 0xE9 "
                + "here begins no UTF-8 character: a binary file, or text in another encoding); save it as UTF-8");
    }
}
