package io.exchangechaos.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets known by their shape alone, whatever they are called and wherever they are written: tokens with a
 * provider's prefix, JWTs, PEM private keys, AWS keys, Bearer and Basic credentials, URL passwords, webhook URLs and
 * signed URLs' query parameters. Each shape names only the secret part ({@code Bearer [redacted]}), and never a
 * quote, backslash or angle bracket, so JSON, XML and HTML stay well-formed when it is replaced.
 *
 * <p>False positives cost evidence (an order id or a hash blanked out of a history), so a value with no context must
 * look random: mixed case and digits, changing character class often, and not hexadecimal (hashes, commits, UUIDs).
 */
final class SecretShapes {

    /** The part of a text that is a secret, and what kind. */
    record Found(int start, int end, SecretKind kind) {
    }

    /**
     * @param needs literal text a match cannot do without (any one of them; lower-case ones are looked for in the
     *              lower-cased text): a regular expression tried at every position of a megabyte of log takes a
     *              second, a search for a few words a millisecond
     */
    private record Shape(SecretKind kind, Pattern pattern, int group, Predicate<String> accept, List<String> needs) {
        Shape(SecretKind kind, Pattern pattern, int group, Predicate<String> accept, String... needs) {
            this(kind, pattern, group, accept, List.of(needs));
        }
    }

    private static final List<Shape> SHAPES = List.of(
        new Shape(SecretKind.PRIVATE_KEY, Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(.+?)-----END \\1PRIVATE KEY-----", Pattern.DOTALL), 2,
            v -> true, "PRIVATE KEY-----"),
        // a key cut short (a truncated log line): its header and base64 lines, however they are escaped
        new Shape(SecretKind.PRIVATE_KEY, Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----((?:(?:\\\\[rn]|\\s)*(?:[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: ?[^\\n\\\\]*))+)"),
            1, v -> true, "PRIVATE KEY-----"),
        new Shape(SecretKind.JWT, Pattern.compile(
            "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0, v -> true, "eyJ"),
        new Shape(SecretKind.PROVIDER_TOKEN, Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}"
            + "|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|gl(?:dt|rt|ptt|cbt|imt|soat|ft)-[A-Za-z0-9_-]{20,}"
            + "|xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,}|(?:sk|rk)_live_[A-Za-z0-9]{20,}"
            + "|npm_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_])"), 0, v -> true,
            "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-",
            "glsoat-", "glft-", "xox", "xapp-", "sk_live_", "rk_live_", "npm_", "AIza"),
        new Shape(SecretKind.AWS_ACCESS_KEY_ID, Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
            0, v -> true, "AKIA", "ASIA", "ABIA", "ACCA"),
        new Shape(SecretKind.AWS_SECRET_KEY, Pattern.compile(
            "(?i:(?<![A-Za-z0-9/+])aws)[^\\n]{0,40}?[\\s:=\"']([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"), 1,
            SecretShapes::looksRandom, "aws"),
        new Shape(SecretKind.AUTH_TOKEN, Pattern.compile("(?i)(?<![A-Za-z0-9])bearer(?:\\s+|-|%20|\\+)([A-Za-z0-9._~+/-]{8,}=*)"),
            1, v -> v.length() >= 20 || v.chars().anyMatch(Character::isDigit), "bearer"),
        new Shape(SecretKind.AUTH_TOKEN, Pattern.compile("(?i)(?<![A-Za-z0-9])basic(?:\\s+|%20|\\+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])"),
            1, SecretShapes::isBasicCredentials, "basic"));

    private static final List<String> WEBHOOKS = List.of("hooks.slack.com/services/", "hooks.slack.com/workflows/",
        "hooks.slack.com/triggers/", "discord.com/api/webhooks/", "discordapp.com/api/webhooks/",
        "canary.discord.com/api/webhooks/", "ptb.discord.com/api/webhooks/", "outlook.office.com/webhook/",
        "outlook.office365.com/webhook/", "chat.googleapis.com/v1/spaces/");
    /** Query parameters that carry a signature or a credential (presigned S3 and GCS URLs, Azure SAS, OAuth). */
    private static final Set<String> SIGNED_PARAMS = Set.of("x-amz-signature", "x-amz-credential", "x-amz-security-token",
        "x-goog-signature", "x-goog-credential", "signature", "sig", "token", "access_token", "id_token", "refresh_token",
        "api_key", "apikey", "secret", "client_secret", "password");
    private static final Pattern UUID = Pattern.compile(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private SecretShapes() {
    }

    /** Every secret in {@code text} by its shape, in order, none overlapping (the first shape listed wins). */
    static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        String lower = null;
        for (Shape shape : SHAPES) {
            boolean possible = false;
            for (String needed : shape.needs()) {
                String haystack = needed.equals(needed.toLowerCase(Locale.ROOT))
                    ? (lower == null ? lower = text.toLowerCase(Locale.ROOT) : lower) : text;
                possible |= haystack.contains(needed);
            }
            if (!possible) {
                continue;
            }
            Matcher m = shape.pattern().matcher(text);
            while (m.find()) {
                if (m.start(shape.group()) < m.end(shape.group()) && shape.accept().test(m.group(shape.group()))) {
                    add(found, new Found(m.start(shape.group()), m.end(shape.group()), shape.kind()));
                }
            }
        }
        for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
            url(text, at, found);
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    /**
     * The URL whose {@code ://} is at {@code at}: the password of its user info, and for http(s) a webhook's path,
     * random path segments and signed query parameters. Found by hand, not by one expression: every line of a
     * history holds a URL.
     */
    private static void url(String text, int at, List<Found> found) {
        int schemeStart = at;
        while (schemeStart > 0 && isSchemeChar(text.charAt(schemeStart - 1))) {
            schemeStart--;
        }
        if (schemeStart == at || !Character.isLetter(text.charAt(schemeStart))) {
            return;
        }
        int end = at + 3;
        while (end < text.length() && !isUrlEnd(text.charAt(end))) {
            end++;
        }
        int authorityEnd = firstOf(text, at + 3, end, "/?#");
        int userInfoEnd = -1;
        for (int i = at + 3; i < authorityEnd; i++) {
            if (text.charAt(i) == '@') {
                userInfoEnd = i;
            }
        }
        if (userInfoEnd > at + 3) {
            int colon = text.indexOf(':', at + 3);
            if (colon > 0 && colon < userInfoEnd - 1) {
                add(found, new Found(colon + 1, userInfoEnd, SecretKind.URL_PASSWORD));
            }
        }
        String scheme = text.substring(schemeStart, at).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            urlParts(text, at + 3 + (userInfoEnd > at + 3 ? userInfoEnd + 1 - (at + 3) : 0), end, found);
        }
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-');
    }

    private static boolean isUrlEnd(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\';
    }

    /** A webhook's path, random path segments and signed query parameters of the URL whose host starts at {@code afterScheme}. */
    private static void urlParts(String text, int afterScheme, int end, List<Found> found) {
        String rest = text.substring(afterScheme, end).toLowerCase(Locale.ROOT);
        for (String webhook : WEBHOOKS) {
            if (rest.startsWith(webhook) && rest.length() > webhook.length()) {
                add(found, new Found(afterScheme + webhook.length(), end, SecretKind.WEBHOOK_URL));
                return;
            }
        }
        int pathStart = firstOf(text, afterScheme, end, "/?#");
        if (pathStart < end && text.charAt(pathStart) == '/'
            && text.substring(afterScheme, pathStart).toLowerCase(Locale.ROOT).endsWith(".webhook.office.com")) {
            add(found, new Found(pathStart + 1, end, SecretKind.WEBHOOK_URL));
            return;
        }
        int queryStart = firstOf(text, pathStart, end, "?#");
        for (int segment = pathStart; segment < queryStart; ) {
            int next = firstOf(text, segment + 1, queryStart, "/");
            String name = text.substring(segment + 1, next);
            if (name.length() >= 20 && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')
                && looksRandom(name)) {
                add(found, new Found(segment + 1, next, SecretKind.WEBHOOK_URL));
            }
            segment = next;
        }
        if (queryStart < end && text.charAt(queryStart) == '?') {
            int fragment = firstOf(text, queryStart, end, "#");
            for (int param = queryStart; param < fragment; ) {
                int next = firstOf(text, param + 1, fragment, "&");
                String pair = text.substring(param + 1, next);
                int eq = pair.indexOf('=');
                // in HTML the separator is written &amp;
                String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT).replaceFirst("^amp;", "");
                if (eq > 0 && SIGNED_PARAMS.contains(name) && pair.length() - eq - 1 >= 6) {
                    add(found, new Found(param + 1 + eq + 1, next, SecretKind.URL_SIGNATURE));
                }
                param = next;
            }
        }
    }

    private static int firstOf(String text, int from, int end, String chars) {
        for (int i = from; i < end; i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return end;
    }

    private static void add(List<Found> found, Found f) {
        for (Found other : found) {
            if (f.start() < other.end() && other.start() < f.end()) {
                return;
            }
        }
        found.add(f);
    }

    /**
     * Random to the eye of a credential scanner: 20 characters or more, upper and lower case and digits, the character
     * class changing at a third of the steps or more (random base62 changes at about 60 %, a run id like
     * {@code region-loss-20250603T091400Z} at 16 %), and not hexadecimal.
     */
    static boolean looksRandom(String value) {
        return value.length() >= 20 && !HEX.matcher(value.replace("-", "")).matches() && classChanges(value) >= 0.3
            && value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase)
            && value.chars().anyMatch(Character::isDigit);
    }

    /**
     * A value given to a name that may be a credential ({@code auth}, {@code bearer}, {@code session}…) is one when it
     * is 12 characters or more of a token (no spaces, no path, no URL), random by {@link #classChanges}, or
     * hexadecimal of 16 or more; a UUID or a number is an identifier.
     */
    static boolean looksLikeCredential(String value) {
        String v = value.strip();
        if (v.length() < 12 || v.chars().anyMatch(Character::isWhitespace) || v.startsWith("/") || v.startsWith(".")
            || v.startsWith("~") || v.contains("://") || v.equals(Secrets.REDACTED) || UUID.matcher(v).matches()
            || v.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == ':')) {
            return false;
        }
        if (HEX.matcher(v).matches()) {
            return v.length() >= 16;
        }
        return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter) && classChanges(v) >= 0.3;
    }

    /** How often the class (upper, lower, digit) changes between one letter or digit and the next, 0 to 1. */
    static double classChanges(String value) {
        int previous = -1;
        int steps = 0;
        int changes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int cls = Character.isUpperCase(c) ? 0 : Character.isLowerCase(c) ? 1 : Character.isDigit(c) ? 2 : -1;
            if (cls < 0) {
                continue;
            }
            if (previous >= 0) {
                steps++;
                if (cls != previous) {
                    changes++;
                }
            }
            previous = cls;
        }
        return steps == 0 ? 0 : (double) changes / steps;
    }

    private static boolean isBasicCredentials(String base64) {
        try {
            String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
