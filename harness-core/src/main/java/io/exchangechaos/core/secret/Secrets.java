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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps secrets out of everything a run leaves behind. A secret is the value of anything named like a password, a
 * secret, a token, an API key, a private or signing key or a credential — an environment variable, a system property, a {@code --flag} or
 * {@code -Dkey=} of a start command, {@code key: value} / {@code key=value} text —, a random-looking value given to a
 * name that may be a credential ({@code CHAOS_AUTH}, {@code -Dauth.bearer=}, {@code session=}), or anything shaped
 * like one wherever it is written ({@link SecretShapes}: Bearer tokens, URL passwords, webhook and signed URLs, JWTs,
 * PEM keys, AWS keys, provider tokens such as {@code ghp_…}).
 *
 * <p>Two layers: the run's data is redacted where it is made (environment, outcome), and every file of the run
 * directory is scrubbed of every secret value seen anywhere before the manifest seals it — so a service that echoes
 * its configuration into its log, or an error message quoting a URL, cannot leak a value the harness was given.
 * Immutable; a view made by {@link #countingInto(Redactions)} also tallies what it replaces, for the report.
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
    private static final Pattern ASSIGNMENT = assignment(WORD);
    /**
     * Names that may be a credential or may not ({@code auth.mode}, {@code sessions}): their value is one only if it
     * looks like one ({@link SecretShapes#looksLikeCredential}). Not "author".
     */
    private static final String MAYBE_WORD = "(?:auth(?!or)|bearer|session|cookie|webhook|signature|hmac|dsn|access[-_.]?key|pwd)";
    private static final Pattern MAYBE_NAME = Pattern.compile("(?i).*" + MAYBE_WORD + ".*");
    private static final Pattern MAYBE_WORD_IN_TEXT = Pattern.compile(MAYBE_WORD);
    private static final Pattern MAYBE_ASSIGNMENT = assignment(MAYBE_WORD);
    /** {@code --db-password VALUE} in free text. */
    private static final Pattern FLAG = Pattern.compile("(?i)(--?[A-Za-z0-9_.\\-]*" + WORD + "[A-Za-z0-9_.\\-]*)(\\s+)([^\\s\\-][^\\s]*)");

    private static final Secrets NONE = new Secrets(Map.of(), Redactions.IGNORED);

    /** Known values, longest first (a value holding another is replaced whole), each with what it is. */
    private final Map<String, SecretKind> values;
    private final Redactions tally;

    private Secrets(Map<String, SecretKind> values, Redactions tally) {
        Map<String, SecretKind> sorted = new LinkedHashMap<>();
        values.entrySet().stream().filter(e -> worthScrubbing(e.getKey()))
            .sorted(Comparator.comparingInt((Map.Entry<String, SecretKind> e) -> e.getKey().length()).reversed())
            .forEach(e -> sorted.putIfAbsent(e.getKey(), e.getValue()));
        this.values = Collections.unmodifiableMap(sorted);
        this.tally = tally;
    }

    private static Pattern assignment(String word) {
        return Pattern.compile("(?i)([A-Za-z0-9_.\\-]*" + word
            + "[A-Za-z0-9_.\\-]*)(\"?'?\\s*[:=]\\s*)(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*'|[^\\s\"',;&}\\]]+)");
    }

    /** Knows no values: {@link #redact(String)} still removes secret-named assignments and secret-shaped values. */
    public static Secrets none() {
        return NONE;
    }

    /** Whether a key, variable, property or flag is named like a secret. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Whether a name may be a credential's ({@code CHAOS_AUTH}, {@code auth.bearer}): then its value is one if it looks it. */
    static boolean mayBeSecretName(String name) {
        return name != null && MAYBE_NAME.matcher(name).matches();
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
        return List.copyOf(values.keySet());
    }

    /** A copy of {@code secrets} that also knows the values of {@code other}, and counts into this one's tally. */
    public Secrets and(Secrets other) {
        Map<String, SecretKind> all = new LinkedHashMap<>(values);
        other.values.forEach(all::putIfAbsent);
        return new Secrets(all, tally);
    }

    /** These secrets, recording every value they replace into {@code redactions} (by kind, for the report). */
    public Secrets countingInto(Redactions redactions) {
        return new Secrets(values, redactions);
    }

    /** What this view has recorded; nothing unless it was made by {@link #countingInto(Redactions)}. */
    public Redactions tally() {
        return tally;
    }

    /** Whether this view records what it replaces. */
    public boolean isCounting() {
        return tally != Redactions.IGNORED;
    }

    /**
     * {@code text} with every known secret value (as written, JSON-, HTML- or URL-escaped), every secret-shaped value,
     * and the value of every secret-named assignment and flag replaced by {@link #REDACTED}.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = scrubShapes(scrubValues(text));
        // the patterns backtrack over every word of the text, slow on a large log, and a text without a secret-like
        // word cannot match: look for what they need first
        String lower = out.toLowerCase(Locale.ROOT);
        if (SECRET_WORD.matcher(lower).find()) {
            out = replace(ASSIGNMENT, 3, out, SecretKind.NAMED, v -> true);
            out = replace(FLAG, 3, out, SecretKind.NAMED, v -> true);
        }
        if (MAYBE_WORD_IN_TEXT.matcher(lower).find()) {
            out = replace(MAYBE_ASSIGNMENT, 3, out, SecretKind.CREDENTIAL_VALUE, SecretShapes::looksLikeCredential);
        }
        return out;
    }

    /** {@code text} with only the known secret values replaced. */
    public String scrubValues(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, SecretKind> v : values.entrySet()) {
            for (String form : forms(v.getKey())) {
                if (out.contains(form)) {
                    out = out.replace(form, REDACTED);
                    tally.add(v.getValue(), v.getKey());
                }
            }
        }
        return out;
    }

    /**
     * {@code text} with the known secret values and every secret-shaped value replaced: safe for structured files
     * (JSON, XML, HTML), whose quotes and escapes a shape never takes in.
     */
    public String scrubStructured(String text) {
        return text == null || text.isEmpty() ? text : scrubShapes(scrubValues(text));
    }

    private String scrubShapes(String text) {
        List<SecretShapes.Found> found = SecretShapes.find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (SecretShapes.Found f : found) {
            out.append(text, at, f.start()).append(REDACTED);
            tally.add(f.kind(), text.substring(f.start(), f.end()));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Variables or properties with the values of secret-named ones redacted, and the rest scrubbed. */
    public Map<String, String> redact(Map<String, String> variables) {
        Map<String, String> out = new TreeMap<>();
        variables.forEach((k, v) -> out.put(k, redactField(k, v)));
        return out;
    }

    /**
     * The value of a field, variable or property named {@code name}: redacted whole if the name is a secret's, or may
     * be one and the value looks like a credential; otherwise as {@link #redact(String)}.
     */
    public String redactField(String name, String value) {
        if (value == null || value.isEmpty() || value.equals(REDACTED)) {
            return value;
        }
        if (isSecretName(name)) {
            tally.add(SecretKind.NAMED, value);
            return REDACTED;
        }
        if (mayBeSecretName(name) && SecretShapes.looksLikeCredential(value)) {
            tally.add(SecretKind.CREDENTIAL_VALUE, value);
            return REDACTED;
        }
        return redact(value);
    }

    /** A command line with the values of secret-named flags and properties redacted. */
    public List<String> redactArguments(List<String> arguments) {
        List<String> out = new ArrayList<>(arguments.size());
        boolean nextIsSecret = false;
        for (String a : arguments) {
            if (nextIsSecret && !a.startsWith("-")) {
                tally.add(SecretKind.NAMED, a);
                out.add(REDACTED);
                nextIsSecret = false;
                continue;
            }
            nextIsSecret = false;
            int eq = a.indexOf('=');
            if (eq > 0 && (isSecretName(a.substring(0, eq)) || mayBeSecretName(a.substring(0, eq)))) {
                String value = redactField(a.substring(0, eq), a.substring(eq + 1));
                out.add(a.substring(0, eq + 1) + value);
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
     * {@code .xml}, {@code .html}) lose the known values and secret-shaped ones, so they stay well-formed; free text
     * (logs, Markdown, YAML) also loses secret-named assignments. Binary files are left alone.
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
            String clean = structured ? scrubStructured(text) : redact(text);
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

    /** Replaces group {@code group} of every match whose (unquoted) value {@code accept}s, counting it as {@code kind}. */
    private String replace(Pattern p, int group, String text, SecretKind kind, Predicate<String> accept) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String v = m.group(group);
            String quote = v.startsWith("\"") ? "\"" : v.startsWith("'") ? "'" : "";
            String bare = unquote(v);
            // already redacted (a file scrubbed twice; the value pattern stops at its closing bracket): leave it
            int value = m.start(group) + quote.length();
            boolean keep = text.startsWith(REDACTED, value) || !accept.test(bare);
            String replacement = m.group();
            if (!keep) {
                tally.add(kind, bare);
                int from = m.start(group) - m.start();
                replacement = replacement.substring(0, from) + quote + REDACTED + quote
                    + replacement.substring(m.end(group) - m.start());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
            ? v.substring(1, v.length() - 1) : v;
    }

    /** Gathers secret values from what a run is given. */
    public static final class Builder {
        private final Map<String, SecretKind> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** The values of secret-named variables, and secret-shaped values in any variable. */
        public Builder environment(Map<String, String> env) {
            env.forEach(this::property);
            return this;
        }

        /** The value if the name is secret-like (or may be, and the value looks it), and secret-shaped parts either way. */
        public Builder property(String name, String value) {
            if (value == null) {
                return this;
            }
            if (isSecretName(name)) {
                values.putIfAbsent(value, SecretKind.NAMED);
            } else if (mayBeSecretName(name) && SecretShapes.looksLikeCredential(value)) {
                values.putIfAbsent(value, SecretKind.CREDENTIAL_VALUE);
            }
            return text(value);
        }

        /** {@code --x-token V}, {@code --x-token=V}, {@code -Dx.password=V}, {@code X_SECRET=V}, and secret shapes. */
        public Builder command(List<String> arguments) {
            for (int i = 0; i < arguments.size(); i++) {
                String a = arguments.get(i);
                String bare = a.startsWith("-D") ? a.substring(2) : a;
                int eq = bare.indexOf('=');
                if (eq > 0) {
                    property(bare.substring(0, eq), bare.substring(eq + 1));
                } else if (a.startsWith("-") && isSecretName(a) && i + 1 < arguments.size()
                    && !arguments.get(i + 1).startsWith("-")) {
                    values.putIfAbsent(arguments.get(++i), SecretKind.NAMED);
                } else {
                    text(a);
                }
            }
            return this;
        }

        /** Secret-named assignments and secret-shaped values written in free text (a config file, a YAML document). */
        public Builder text(String text) {
            if (text == null) {
                return this;
            }
            for (SecretShapes.Found f : SecretShapes.find(text)) {
                values.putIfAbsent(text.substring(f.start(), f.end()), f.kind());
            }
            Matcher a = ASSIGNMENT.matcher(text);
            while (a.find()) {
                values.putIfAbsent(unquote(a.group(3)), SecretKind.NAMED);
            }
            Matcher maybe = MAYBE_ASSIGNMENT.matcher(text);
            while (maybe.find()) {
                String v = unquote(maybe.group(3));
                if (SecretShapes.looksLikeCredential(v)) {
                    values.putIfAbsent(v, SecretKind.CREDENTIAL_VALUE);
                }
            }
            return this;
        }

        /** A value known to be secret. */
        public Builder value(String value) {
            values.putIfAbsent(value, SecretKind.NAMED);
            return this;
        }

        public Secrets build() {
            Map<String, SecretKind> known = new LinkedHashMap<>(values);
            known.remove(null);
            return new Secrets(known, Redactions.IGNORED);
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
