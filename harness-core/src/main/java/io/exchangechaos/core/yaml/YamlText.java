package io.exchangechaos.core.yaml;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The text of a definition file (a scenario or a topology) before it is YAML: UTF-8, of a size a definition has.
 * Anything else — UTF-16 or UTF-32 saved by an editor, a binary file, a file full of NULs, a log named by mistake —
 * becomes one located problem saying how to fix it, never an exception.
 */
public final class YamlText {

    /** A definition is a few kilobytes; this keeps {@code /dev/zero} or a misnamed log out of the heap. */
    public static final int MAX_BYTES = 1024 * 1024;
    /**
     * A scenario nests five levels, a topology four; an adapter's own configuration may nest more. Deeper nesting is
     * a mistake or an attack on the parser's stack.
     */
    public static final int MAX_NESTING = 64;

    private static final String SAVE_AS_UTF8 = "save it as UTF-8";

    private YamlText() {
    }

    /**
     * The YAML parser every definition is read with, its limits set where the parser enforces them: nesting depth
     * (Jackson's {@link StreamReadConstraints}) and length (SnakeYAML's code point limit).
     */
    static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_BYTES);
        return YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
    }

    /**
     * Reads {@code file} as UTF-8 text; a file that is not, or is too large, adds a located problem to
     * {@code problems} and gives empty.
     *
     * @throws IOException if the file cannot be read at all (missing, a directory, no permission)
     */
    public static Optional<String> read(Path file, Problems problems) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            problems.at(new Location(1, 1), "", null, "the file is larger than " + MAX_BYTES / 1024 / 1024
                    + " MiB, and a definition is a few kilobytes; check that this is the file you meant");
            return Optional.empty();
        }
        return decode(bytes, problems);
    }

    /** {@code bytes} as UTF-8 text (a UTF-8 byte order mark dropped), or empty with a located problem. */
    public static Optional<String> decode(byte[] bytes, Problems problems) {
        Optional<String> wide = wideEncoding(bytes);
        if (wide.isPresent()) {
            problems.at(new Location(1, 1), "", null, "the file is not UTF-8 text (it looks like " + wide.get() + "); "
                    + SAVE_AS_UTF8);
            return Optional.empty();
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = out.flip().toString();
            int bad = bytes[in.position()] & 0xff;
            problems.at(locationAfter(before), "", null, String.format("the file is not UTF-8 text (byte 0x%02X here begins "
                    + "no UTF-8 character: a binary file, or text in another encoding); %s", bad, SAVE_AS_UTF8));
            return Optional.empty();
        }
        String text = out.flip().toString();
        return check(text, problems) ? Optional.of(text) : Optional.empty();
    }

    /**
     * True if {@code text} can be YAML at all; otherwise adds a located problem: a NUL character is in no text file,
     * and many of them mean UTF-16 or UTF-32 read as UTF-8.
     */
    static boolean check(String text, Problems problems) {
        int nul = text.indexOf('\0');
        if (nul < 0) {
            return true;
        }
        long nuls = text.chars().filter(c -> c == 0).count();
        if (nuls * 5 >= text.length()) {
            String looksLike = nuls * 3 >= text.length() * 2L ? "UTF-32" : "UTF-16";
            problems.at(new Location(1, 1), "", null, "the file is not UTF-8 text (it looks like " + looksLike + "); "
                    + SAVE_AS_UTF8);
        } else {
            problems.at(locationAfter(text.substring(0, nul)), "", null, "the file is not UTF-8 text (a NUL character "
                    + "here, as in binary files); " + SAVE_AS_UTF8);
        }
        return false;
    }

    /** Where the character after {@code before} is: 1-based line and column, columns counted in code points. */
    static Location locationAfter(String before) {
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        return new Location(line, before.codePointCount(lineStart, before.length()) + 1);
    }

    /** The encoding a byte order mark names, when it is not UTF-8's. UTF-32's marks are checked first: they begin like UTF-16's. */
    private static Optional<String> wideEncoding(byte[] b) {
        if (startsWith(b, 0x00, 0x00, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe, 0x00, 0x00)) {
            return Optional.of("UTF-32");
        }
        if (startsWith(b, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe)) {
            return Optional.of("UTF-16");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
