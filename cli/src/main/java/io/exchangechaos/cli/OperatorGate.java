package io.exchangechaos.cli;

import io.exchangechaos.core.run.StepGate;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The game-day runbook: before each timeline step the operator sees the fault, its target and the expected effect,
 * and answers {@code y} or Enter (inject), {@code skip} or {@code abort}. At any time, prompt or not, {@code note TEXT}
 * records a note stamped with the time, and {@code abort} is the big red button: the run stops and every fault is
 * healed at once. Every answer and note goes into the report.
 *
 * <p>Stdin is read line by line on its own thread, so notes and the red button work while the load runs.
 */
final class OperatorGate implements StepGate {
    static final String ANSWERS = "Enter or y = inject, skip = leave this step out, abort = stop and heal everything, note TEXT";
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String EOF = "\u0000eof";

    private final BufferedReader in;
    private final PrintStream out;
    private final Clock clock;
    private final String author;
    private final Scenario scenario;
    private final Consumer<String> bigRedButton;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<RunOutcome.Note> notes = new ArrayList<>();
    private volatile boolean prompting;
    private volatile boolean aborted;
    /** Set once the operator's input has ended; checked after clearing stale answers so an early EOF is never lost. */
    private volatile boolean inputClosed;

    /**
     * @param bigRedButton called with the reason when the operator types abort while no step is waiting
     */
    OperatorGate(BufferedReader in, PrintStream out, Clock clock, String author, Scenario scenario,
                 Consumer<String> bigRedButton) {
        this.in = in;
        this.out = out;
        this.clock = clock;
        this.author = author;
        this.scenario = scenario;
        this.bigRedButton = bigRedButton;
    }

    /** Starts reading the operator's lines. */
    OperatorGate listen() {
        Thread reader = new Thread(this::read, "gameday-operator");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    boolean prompting() {
        return prompting;
    }

    private void read() {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                handle(line.strip());
            }
        } catch (IOException e) {
            say("cannot read the operator's input any more (" + e.getMessage() + ")");
        }
        inputClosed = true;
        answers.add(EOF);
    }

    void handle(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.equals("note") || lower.startsWith("note ")) {
            String text = line.substring(4).strip();
            if (text.isEmpty()) {
                say("a note needs text: note TEXT");
            } else {
                Instant at = clock.instant();
                record(at, text);
                say("noted at " + HHMMSS.format(at) + " UTC: " + text);
            }
            return;
        }
        if (prompting) {
            answers.add(lower);
            return;
        }
        if (lower.equals("abort")) {
            pressBigRedButton("operator pressed abort during the run");
        } else if (!lower.isEmpty()) {
            say("no step is waiting for an answer; type note TEXT to take a note, or abort to stop and heal everything");
        }
    }

    private void pressBigRedButton(String reason) {
        if (aborted) {
            return;
        }
        aborted = true;
        record(clock.instant(), "ABORT: " + reason);
        say("ABORT: healing every fault now, then writing the report");
        bigRedButton.accept(reason);
    }

    @Override
    public Decision beforeStep(TimelineStep step, String expectedEffect) {
        if (aborted) {
            return Decision.ABORT;
        }
        answers.clear();
        if (inputClosed) {
            // the input ended before this step was reached (its EOF marker may just have been cleared)
            answers.add(EOF);
        }
        int number = scenario.timeline().indexOf(step) + 1;
        StringBuilder card = new StringBuilder();
        card.append('\n').append("-".repeat(72)).append('\n');
        card.append("STEP ").append(number).append(" of ").append(scenario.timeline().size()).append(": ").append(step.name()).append('\n');
        card.append("  fault:    ").append(Plan.fault(step.fault())).append('\n');
        card.append("  target:   ").append(step.target().describe()).append('\n');
        card.append("  expected: ").append(Plan.expectedEffect(step, scenario.load().duration())).append('\n');
        card.append("  (").append(expectedEffect).append(")\n");
        card.append("Proceed? [").append(ANSWERS).append("]\n> ");
        // answers are taken from before the prompt is drawn: an operator (or a script) who answers the moment it
        // appears must not be told that no step is waiting
        prompting = true;
        try {
            synchronized (out) {
                out.print(card);
                out.flush();
            }
            while (true) {
                String answer = answers.take();
                switch (answer) {
                    case "", "y", "yes" -> {
                        decided(step, number, "PROCEED");
                        return Decision.PROCEED;
                    }
                    case "skip", "s" -> {
                        decided(step, number, "SKIP");
                        return Decision.SKIP;
                    }
                    case "abort" -> {
                        aborted = true;
                        decided(step, number, "ABORT");
                        say("ABORT: healing every fault now, then writing the report");
                        return Decision.ABORT;
                    }
                    case EOF -> {
                        aborted = true;
                        decided(step, number, "ABORT (the operator's input closed)");
                        say("the operator's input closed: aborting");
                        return Decision.ABORT;
                    }
                    default -> say("[" + answer + "] is not an answer; " + ANSWERS + "\n> ");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.ABORT;
        } finally {
            prompting = false;
        }
    }

    private void decided(TimelineStep step, int number, String decision) {
        record(clock.instant(), decision + " step " + number + " [" + step.name() + "]: " + Plan.fault(step.fault()) + " on "
            + step.target().describe());
    }

    private void record(Instant at, String text) {
        synchronized (notes) {
            notes.add(new RunOutcome.Note(at, author, text));
        }
    }

    @Override
    public List<RunOutcome.Note> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    private void say(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
