package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README, BENCHMARKS.md and the pages under docs/ link to each other by relative paths: every such link must point
 * at a file that exists and, with a {@code #fragment}, at a heading of that file as GitHub anchors it, so a page moved or
 * a heading renamed fails the build instead of a reader. Links inside code are not links.
 */
class DocsLinksTest {
    static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
        // GIVEN every page of the documentation
        List<Path> pages = pages(ROOT);

        // WHEN every relative link is followed
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(ROOT, page));
        }

        // THEN each reaches its file and heading
        assertThat(pages).as("documentation pages").contains(ROOT.resolve("README.md"), ROOT.resolve("docs/cli.md"));
        assertThat(broken).as("broken links (page:line [target]: problem)").isEmpty();
    }

    @Test
    void aMissingFileAndAMissingHeadingAreReportedWithTheirLine(@TempDir Path root) throws IOException {
        // GIVEN a page linking to a missing file, a missing heading, a heading that exists, and a link inside code
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), String.join("\n",
            "# Title",
            "See [cli](docs/cli.md#commands) and [gone](docs/gone.md).",
            "Also [nope](docs/cli.md#no-such-heading), [self](#title), [web](https://example.com/x).",
            "```",
            "[in code](docs/missing-too.md)",
            "```",
            "and `[inline](docs/missing-three.md)`"));
        Files.writeString(root.resolve("docs/cli.md"), "# The `chaos` command\n\n## Commands\n");

        // WHEN its links are followed
        List<String> broken = brokenLinks(root, root.resolve("README.md"));

        // THEN exactly the two broken ones are named, with their line
        assertThat(broken).containsExactly(
            "README.md:2 [docs/gone.md]: no such file",
            "README.md:3 [docs/cli.md#no-such-heading]: no heading #no-such-heading in docs/cli.md");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchor("Crash safety: what a `kill -9` leaves behind, and what heals it"))
            .isEqualTo("crash-safety-what-a-kill--9-leaves-behind-and-what-heals-it");
        assertThat(anchor("`run` and `gameday` options")).isEqualTo("run-and-gameday-options");
        assertThat(anchor("Fault offset → in effect, in a fresh JVM")).isEqualTo("fault-offset--in-effect-in-a-fresh-jvm");
        assertThat(anchors("# A\n## A\n```\n# not a heading\n```\n## B")).containsExactly("a", "a-1", "b");
    }

    static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("BENCHMARKS.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Every relative link of {@code page} that reaches no file, or no heading of it: {@code page:line [target]: why}. */
    static List<String> brokenLinks(Path root, Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        Map<Path, Set<String>> anchors = new HashMap<>();
        boolean code = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (m.find()) {
                String target = m.group(1);
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ":" + (i + 1) + " [" + target + "]: ";
                if (!Files.exists(resolved)) {
                    broken.add(where + "no such file");
                } else if (hash >= 0 && !anchors.computeIfAbsent(resolved, DocsLinksTest::anchorsOf)
                    .contains(target.substring(hash + 1))) {
                    broken.add(where + "no heading #" + target.substring(hash + 1) + " in "
                        + root.relativize(resolved).toString().replace('\\', '/'));
                }
            }
        }
        return broken;
    }

    private static Set<String> anchorsOf(Path file) {
        try {
            return anchors(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors GitHub gives a page's headings, a repeated one numbered {@code -1}, {@code -2}, … */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!code && m.matches()) {
                String base = anchor(m.group(1));
                int n = seen.merge(base, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? base : base + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
    static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
