package io.exchangechaos.stack.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's processes take plain {@code --name value} arguments, written by the topology file. Unknown or
 * missing arguments end the process with exit code 2 and a message saying what to write instead.
 */
public final class Args {
    private final String program;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args(String program) {
        this.program = program;
    }

    public static Args parse(String program, String[] argv, Set<String> known) {
        Args args = new Args(program);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                problems.add("unknown argument [" + a + "]; known: --" + String.join(", --", known));
                continue;
            }
            if (i + 1 >= argv.length) {
                problems.add("argument [" + a + "] needs a value");
                continue;
            }
            args.values.put(a.substring(2), argv[++i]);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(program + ": " + p));
            System.exit(2);
        }
        return args;
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            System.err.println(program + ": argument [--" + name + "] is required");
            System.exit(2);
        }
        return v;
    }

    public String optional(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public int positiveInt(String name, int fallback) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(program + ": --" + name + " [" + v + "] is not a positive whole number; write it like --" + name + " " + fallback);
        System.exit(2);
        return fallback;
    }

    public HostPort address(String name) {
        try {
            return HostPort.parse(required(name));
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": --" + name + ": " + e.getMessage());
            System.exit(2);
            return null;
        }
    }

    public Weakness weakness() {
        String w = optional("weakness", "none");
        try {
            return Weakness.parse(w);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": --weakness: " + e.getMessage());
            System.exit(2);
            return null;
        }
    }
}
