package io.exchangechaos.scenarios.junit;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The README's quickstart test ("A scenario as a JUnit test"), taken from README.md as it stands and compiled against
 * the test class path, so the README cannot show a test that does not compile. A README snippet leaves out the
 * imports an IDE adds; {@link #IMPORTS} are those, and nothing else is added.
 */
final class ReadmeQuickstart {
    static final Path README = Path.of("..", "README.md");
    static final String SECTION = "## A scenario as a JUnit test";
    static final String CLASS = "RegionLossTest";
    /** The same test in the example project built against the installed artifacts. */
    static final Path EXAMPLE = Path.of("..", "examples", "junit-quickstart", "src", "test", "java", CLASS + ".java");
    /** What the snippet uses besides its two static imports: JUnit, java.time and the harness's own types. */
    static final String IMPORTS = """
        import io.exchangechaos.core.junit.ChaosExtension;
        import io.exchangechaos.core.scenario.Scenario;
        import io.exchangechaos.core.verdict.RunOutcome;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.RegisterExtension;
        import static java.time.Duration.ofSeconds;
        """;

    private ReadmeQuickstart() {
    }

    /** The first Java block of the README's JUnit section, verbatim. */
    static String snippet() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf(SECTION);
        if (section < 0) {
            throw new AssertionError("README.md has no section [" + SECTION + "]");
        }
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("```", start + 8);
        if (start < 0 || end < 0) {
            throw new AssertionError("README.md's section [" + SECTION + "] has no ```java block");
        }
        return readme.substring(start + 8, end);
    }

    /** Compiles the snippet into {@code out} and loads its class; the compiler's messages when it does not compile. */
    static Class<?> compile(Path out) throws Exception {
        String source = IMPORTS + snippet();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaFileObject unit = new SimpleJavaFileObject(Path.of(CLASS + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(messages, files, null, List.of("-proc:none", "-d", out.toString(),
                "-classpath", classPath), null, List.of(unit)).call();
            if (!compiled) {
                throw new AssertionError("The README's quickstart test does not compile:\n" + messages + "\n" + source);
            }
        }
        ClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ReadmeQuickstart.class.getClassLoader());
        return Class.forName(CLASS, true, loader);
    }

    /** The value of the snippet's {@code @RegisterExtension} field: building it runs the DSL and validates the scenario. */
    static Object extension(Class<?> quickstart) throws ReflectiveOperationException {
        Field field = quickstart.getDeclaredField("chaos");
        field.setAccessible(true);
        return field.get(null);
    }
}
