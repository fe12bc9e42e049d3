package io.exchangechaos.report.html;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.report.json.ReportJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in {@code history.jsonl}, the operations of the orders an invariant's examples name, so the report can show
 * what the client lived for each violating order. Examples are free text; any word in them that is a client order
 * id in the history counts.
 */
final class ViolatingOrders {

    static final int MAX_ORDERS = 25;

    private ViolatingOrders() {
    }

    /**
     * @return operations by client order id, in the order the examples name them; empty when there is no history
     */
    static Map<String, List<Operation>> find(Path history, Collection<String> examples) throws IOException {
        Set<String> words = new LinkedHashSet<>();
        for (String example : examples) {
            for (String word : example.split("[\\s,;:()\\[\\]{}\"'=]+")) {
                if (!word.isBlank()) {
                    words.add(word);
                }
            }
        }
        Map<String, List<Operation>> found = new LinkedHashMap<>();
        if (words.isEmpty() || !Files.isRegularFile(history)) {
            return found;
        }
        try (BufferedReader in = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || !mentionsAny(line, words)) {
                    continue;
                }
                Operation op;
                try {
                    op = ReportJson.mapper().readValue(line, Operation.class);
                } catch (IOException unreadable) {
                    continue; // the report shows what it can; the verifier is where a damaged history is reported
                }
                if (op.clientOrderId() != null && words.contains(op.clientOrderId())) {
                    found.computeIfAbsent(op.clientOrderId(), k -> new ArrayList<>()).add(op);
                }
            }
        }
        Map<String, List<Operation>> ordered = new LinkedHashMap<>();
        for (String word : words) {
            if (found.containsKey(word) && ordered.size() < MAX_ORDERS) {
                List<Operation> ops = found.get(word);
                ops.sort(Comparator.comparingLong(Operation::index));
                ordered.put(word, ops);
            }
        }
        return ordered;
    }

    private static final Pattern ID =
        Pattern.compile("\"clientOrderId\"\\s*:\\s*\"([^\"]*)\"");

    /** Cheap pre-filter before parsing: the line's client order id is one of the words. */
    private static boolean mentionsAny(String line, Set<String> words) {
        Matcher m = ID.matcher(line);
        return m.find() && words.contains(m.group(1));
    }
}
