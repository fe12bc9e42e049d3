package io.exchangechaos.core.secret;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps secrets out of everything a run leaves behind. A secret is the value of anything named like a password, a
 * secret, a token, an API key, a private or signing key or a credential — an environment variable, a system property,
 * a {@code --flag} or {@code -Dkey=} of a start command, {@code key: value} / {@code key=value} text — or the password
 * of a URL ({@code https://user:PASSWORD@host}).
 *
 * <p>Two layers: the run's data is redacted where it is made (environment, outcome), and every file of the run
 * directory is scrubbed of every secret value seen anywhere before the manifest seals it — so a service that echoes
 * its configuration into its log, or an error message quoting a URL, cannot leak a value the harness was given.
 * Immutable.
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";

    /** Values shorter than this are not scrubbed as free text: "1" or "on" would blank out half a report. */
    static final int MIN_SCRUBBED_LENGTH = 6;
    private static final Set<String> NOT_SECRET = Set.of("true", "false", "null", "none", "enabled", "disabled",
        REDACTED);

    private static final String WORD =
        "(?:password|passwd|passphrase|secret|token|api[-_.]?key|credential|private[-_.]?key|signing[-_.]?key)";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*" + WORD + ".*");
    /** In lower-cased text: what {@link #ASSIGNMENT} and {@link #FLAG} cannot match without. */
    private static final Pattern SECRET_WORD = Pattern.compile(WORD);
    /** {@code name: value}, {@code name=value}, {@code "name": "value"} with a secret-like name. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
        "(?i)([A-Za-z0-9_.\\-]*" + WORD + "[A-Za-z0-9_.\\-]*)(\"?'?\\s*[:=]\\s*)(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*'|[^\\s\"',;&}\\]]+)");
    /** {@code --db-password VALUE} in free text. */
    private static final Pattern FLAG = Pattern.compile("(?i)(--?[A-Za-z0-9_.\\-]*" + WORD + "[A-Za-z0-9_.\\-]*)(\\s+)([^\\s\\-][^\\s]*)");
    /** The password of {@code scheme://user:password@host}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://[^\\s/:@\"']*:)([^\\s/@\"']+)(@)");

    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(Collection<String> values) {
        this.values = values.stream().filter(Secrets::worthScrubbing).distinct()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Knows no values: {@link #redact(String)} still removes secret-named assignments and URL passwords. */
    public static Secrets none() {
        return NONE;
    }

    /** Whether a key, variable, property or flag is named like a secret. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Collects secret values as they are found; {@link #build()} freezes them. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The secrets of this process: its environment, its system properties and its JVM arguments, plus the start
     * commands given (a topology's services).
     */
    public static Secrets ofThisProcess(Collection<List<String>> commands) {
        Builder b = builder().environment(System.getenv());
        System.getProperties().forEach((k, v) -> b.property(String.valueOf(k), String.valueOf(v)));
        b.command(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        commands.forEach(b::command);
        return b.build();
    }

    /** The secret values known, longest first. */
    public List<String> values() {
        return values;
    }

    /** A copy of {@code secrets} that also knows the values of {@code other}. */
    public Secrets and(Secrets other) {
        List<String> all = new ArrayList<>(values);
        all.addAll(other.values);
        return new Secrets(all);
    }

    /**
     * {@code text} with every known secret value (as written, JSON-, HTML- or URL-escaped) and every secret-named
     * assignment, flag value and URL password replaced by {@link #REDACTED}.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = scrubValues(text);
        // the patterns backtrack over every word of the text; a megabyte of log without a secret-like word or a URL
        // took them seconds, and cannot match: look for what they need first
        if (SECRET_WORD.matcher(out.toLowerCase(Locale.ROOT)).find()) {
            out = replace(ASSIGNMENT, out, m -> {
                String v = m.group(3);
                String quote = v.startsWith("\"") ? "\"" : v.startsWith("'") ? "'" : "";
                return m.group(1) + m.group(2) + quote + REDACTED + quote;
            });
            out = replace(FLAG, out, m -> m.group(1) + m.group(2) + REDACTED);
        }
        if (out.contains("://")) {
            out = replace(URL_PASSWORD, out, m -> m.group(1) + REDACTED + m.group(3));
        }
        return out;
    }

    /** {@code text} with only the known secret values replaced: safe for structured files (JSON, XML). */
    public String scrubValues(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            for (String form : forms(v)) {
                if (out.contains(form)) {
                    out = out.replace(form, REDACTED);
                }
            }
        }
        return out;
    }

    /** Variables or properties with the values of secret-named ones redacted, and the rest scrubbed. */
    public Map<String, String> redact(Map<String, String> variables) {
        Map<String, String> out = new TreeMap<>();
        variables.forEach((k, v) -> out.put(k, isSecretName(k) ? REDACTED : redact(v)));
        return out;
    }

    /** A command line with the values of secret-named flags and properties redacted. */
    public List<String> redactArguments(List<String> arguments) {
        List<String> out = new ArrayList<>(arguments.size());
        boolean nextIsSecret = false;
        for (String a : arguments) {
            if (nextIsSecret && !a.startsWith("-")) {
                out.add(REDACTED);
                nextIsSecret = false;
                continue;
            }
            nextIsSecret = false;
            int eq = a.indexOf('=');
            if (eq > 0 && isSecretName(a.substring(0, eq))) {
                out.add(a.substring(0, eq + 1) + REDACTED);
            } else if (a.startsWith("-") && eq < 0 && isSecretName(a)) {
                out.add(a);
                nextIsSecret = true;
            } else {
                out.add(redact(a));
            }
        }
        return out;
    }

    /**
     * Rewrites every text file under {@code dir} that holds a secret. Structured files ({@code .json}, {@code .jsonl},
     * {@code .xml}, {@code .html}) lose only the known values, so they stay well-formed; free text (logs, Markdown,
     * YAML) also loses secret-named assignments. Binary files are left alone.
     *
     * @return the files changed, relative to {@code dir}
     */
    public List<Path> scrubTree(Path dir) throws IOException {
        List<Path> changed = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String text = utf8(bytes);
            if (text == null) {
                continue;
            }
            String name = file.getFileName().toString();
            boolean structured = name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".xml")
                || name.endsWith(".html");
            String clean = structured ? scrubValues(text) : redact(text);
            if (!clean.equals(text)) {
                Path tmp = file.resolveSibling(name + ".redacting");
                Files.writeString(tmp, clean, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                changed.add(dir.relativize(file));
            }
        }
        return changed;
    }

    private static boolean worthScrubbing(String v) {
        return v != null && v.length() >= MIN_SCRUBBED_LENGTH && !NOT_SECRET.contains(v.toLowerCase())
            && !v.matches("[0-9.]+");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The spellings a value takes in the files a run writes. */
    private static Set<String> forms(String v) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(v);
        String json = v.replace("\\", "\\\\").replace("\"", "\\\"");
        forms.add(json);
        forms.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&#39;"));
        forms.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&apos;"));
        forms.add(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        return forms;
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            // already redacted (a file scrubbed twice): leave it
            int value = m.start(p == URL_PASSWORD ? 2 : 3);
            boolean done = text.startsWith(REDACTED, value) || text.startsWith("\"" + REDACTED, value)
                || text.startsWith("'" + REDACTED, value);
            m.appendReplacement(out, Matcher.quoteReplacement(done ? m.group() : with.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Gathers secret values from what a run is given. */
    public static final class Builder {
        private final List<String> values = new ArrayList<>();

        private Builder() {
        }

        /** The values of secret-named variables, and URL passwords in any variable. */
        public Builder environment(Map<String, String> env) {
            env.forEach(this::property);
            return this;
        }

        /** The value if the name is secret-like, and any URL password in it either way. */
        public Builder property(String name, String value) {
            if (value == null) {
                return this;
            }
            if (isSecretName(name)) {
                values.add(value);
            }
            return text(value);
        }

        /** {@code --x-token V}, {@code --x-token=V}, {@code -Dx.password=V}, {@code X_SECRET=V}, and URL passwords. */
        public Builder command(List<String> arguments) {
            for (int i = 0; i < arguments.size(); i++) {
                String a = arguments.get(i);
                String bare = a.startsWith("-D") ? a.substring(2) : a;
                int eq = bare.indexOf('=');
                if (eq > 0) {
                    property(bare.substring(0, eq), bare.substring(eq + 1));
                } else if (a.startsWith("-") && isSecretName(a) && i + 1 < arguments.size()
                    && !arguments.get(i + 1).startsWith("-")) {
                    values.add(arguments.get(++i));
                } else {
                    text(a);
                }
            }
            return this;
        }

        /** Secret-named assignments and URL passwords written in free text (a config file, a YAML document). */
        public Builder text(String text) {
            if (text == null) {
                return this;
            }
            Matcher url = URL_PASSWORD.matcher(text);
            while (url.find()) {
                values.add(url.group(2));
            }
            Matcher a = ASSIGNMENT.matcher(text);
            while (a.find()) {
                String v = a.group(3);
                values.add(v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v);
            }
            return this;
        }

        /** A value known to be secret. */
        public Builder value(String value) {
            values.add(value);
            return this;
        }

        public Secrets build() {
            return new Secrets(values);
        }
    }

    /** Variables in {@code env} that configure a run ({@code CHAOS_*}, JVM options), redacted, for the report. */
    public Map<String, String> runVariables(Map<String, String> env) {
        Map<String, String> chosen = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("CHAOS_") || k.startsWith("EXCHANGE_CHAOS_") || k.equals("JAVA_TOOL_OPTIONS")) {
                chosen.put(k, v);
            }
        });
        return redact(chosen);
    }
}
