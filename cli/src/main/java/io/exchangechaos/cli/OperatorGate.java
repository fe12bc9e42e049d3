package io.exchangechaos.cli;

import io.exchangechaos.core.run.StepGate;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.yaml.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The game-day runbook: before each timeline step the operator sees the fault, its target and the expected effect,
 * and answers {@code y} or Enter (inject), {@code skip} or {@code abort}. At any time, prompt or not, {@code note TEXT}
 * records a note stamped with the time, and {@code abort} is the big red button: the run stops and every fault is
 * healed at once. Every answer and note goes into the report.
 *
 * <p>Stdin is read line by line on its own thread, so notes and the red button work while the load runs. A web
 * console ({@link WebConsole}) is a second operator of the same gate: it answers the same prompts, under the name of
 * the participant who clicked, through {@link #answer}, {@link #note} and {@link #bigRedButton}, and hears of each
 * prompt and answer through a {@link Listener}.
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
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<RunOutcome.Note> notes = new ArrayList<>();
    private final Room room = new Room();
    private volatile Listener listener = new Listener() {
    };
    private volatile boolean inputEndAborts = true;
    private volatile BooleanSupplier remoteOperators = () -> false;
    private volatile Duration unattendedAfter;
    private volatile StepCard waiting;
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

    /** A step waiting for an answer, as the web console shows it. */
    record StepCard(int number, int of, String name, String fault, String target, String expected, String when) {
    }

    /** What a web console hears: each prompt, each answer, each note, the red button. */
    interface Listener {
        /** {@code card} now waits for an answer. */
        default void waiting(StepCard card) {
        }

        /** {@code card} was answered ({@code PROCEED}, {@code SKIP}, {@code ABORT}…) by {@code author}. */
        default void answered(StepCard card, String decision, String author) {
        }

        default void noted(RunOutcome.Note note) {
        }
    }

    /** What became of an answer given in the web console. */
    enum Submitted { TAKEN, NO_STEP_WAITING, ANOTHER_STEP_WAITING }

    private record Answer(String text, String author) {
    }

    /**
     * Also answered from a web console: the terminal's input ending no longer aborts, and a step that waits while no
     * operator can answer (no console {@code connected} and the terminal's input closed) for {@code unattendedAfter}
     * is skipped, so the run goes on and heals its faults on time instead of waiting for nobody.
     */
    OperatorGate alsoAnsweredFrom(BooleanSupplier connected, Duration unattendedAfter, Listener listener) {
        this.remoteOperators = connected;
        this.unattendedAfter = unattendedAfter;
        this.listener = listener;
        this.inputEndAborts = false;
        return this;
    }

    Room room() {
        return room;
    }

    /** The step waiting for an answer, or null. */
    StepCard waiting() {
        return waiting;
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
        if (inputEndAborts) {
            answers.add(new Answer(EOF, author));
        }
    }

    void handle(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.equals("note") || lower.startsWith("note ")) {
            String text = line.substring(4).strip();
            if (text.isEmpty()) {
                say("a note needs text: note TEXT");
            } else {
                note(text, author);
            }
            return;
        }
        if (prompting) {
            answers.add(new Answer(lower, author));
            return;
        }
        if (lower.equals("abort")) {
            pressBigRedButton("operator pressed abort during the run");
        } else if (!lower.isEmpty()) {
            say("no step is waiting for an answer; type note TEXT to take a note, or abort to stop and heal everything");
        }
    }

    /** A note by {@code author}, stamped now. */
    void note(String text, String author) {
        Instant at = clock.instant();
        RunOutcome.Note note = record(at, author, text);
        say("noted at " + HHMMSS.format(at) + " UTC" + (author.equals(this.author) ? "" : " by " + author) + ": " + text);
        listener.noted(note);
    }

    /**
     * An answer from the web console to step {@code step}: {@code y}, {@code skip} or {@code abort}. Taken only while
     * that very step waits, so a click on a card already answered never decides the next one.
     */
    Submitted answer(int step, String answer, String author) {
        StepCard card = waiting;
        if (card == null || !prompting) {
            return Submitted.NO_STEP_WAITING;
        }
        if (card.number() != step) {
            return Submitted.ANOTHER_STEP_WAITING;
        }
        answers.add(new Answer(answer, author));
        return Submitted.TAKEN;
    }

    /** The red button pressed by {@code author}: the waiting step is answered abort, or the run is stopped now. */
    void bigRedButton(String author) {
        StepCard card = waiting;
        if (card != null && prompting) {
            answers.add(new Answer("abort", author));
        } else {
            pressBigRedButton(author + " pressed heal everything during the run", author);
        }
    }

    boolean aborted() {
        return aborted;
    }

    private void pressBigRedButton(String reason) {
        pressBigRedButton(reason, author);
    }

    private synchronized void pressBigRedButton(String reason, String by) {
        if (aborted) {
            return;
        }
        aborted = true;
        listener.noted(record(clock.instant(), by, "ABORT: " + reason));
        say("ABORT: healing every fault now, then writing the report");
        bigRedButton.accept(reason);
    }

    @Override
    public Decision beforeStep(TimelineStep step, String expectedEffect) {
        if (aborted) {
            return Decision.ABORT;
        }
        answers.clear();
        if (inputClosed && inputEndAborts) {
            // the input ended before this step was reached (its EOF marker may just have been cleared)
            answers.add(new Answer(EOF, author));
        }
        int number = scenario.timeline().indexOf(step) + 1;
        StepCard stepCard = new StepCard(number, scenario.timeline().size(), step.name(), Plan.fault(step.fault()),
            step.target().describe(), Plan.expectedEffect(step, scenario.load().duration()),
            "at " + Durations.format(step.at()) + " into the load");
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
        waiting = stepCard;
        prompting = true;
        listener.waiting(stepCard);
        try {
            synchronized (out) {
                out.print(card);
                out.flush();
            }
            long unattendedSince = System.nanoTime();
            while (true) {
                Answer answer = answers.poll(1, TimeUnit.SECONDS);
                if (answer == null) {
                    Duration limit = unattendedAfter;
                    if (limit == null || !inputClosed || remoteOperators.getAsBoolean()) {
                        unattendedSince = System.nanoTime();
                    } else if (System.nanoTime() - unattendedSince >= limit.toNanos()) {
                        decided(stepCard, step, "SKIP (nobody could answer for " + limit.toSeconds() + " s: no console"
                            + " connected, the terminal's input closed)", author);
                        say("nobody can answer: skipping this step");
                        return Decision.SKIP;
                    }
                    continue;
                }
                switch (answer.text()) {
                    case "", "y", "yes" -> {
                        decided(stepCard, step, "PROCEED", answer.author());
                        return Decision.PROCEED;
                    }
                    case "skip", "s" -> {
                        decided(stepCard, step, "SKIP", answer.author());
                        return Decision.SKIP;
                    }
                    case "abort" -> {
                        aborted = true;
                        decided(stepCard, step, "ABORT", answer.author());
                        say("ABORT: healing every fault now, then writing the report");
                        return Decision.ABORT;
                    }
                    case EOF -> {
                        aborted = true;
                        decided(stepCard, step, "ABORT (the operator's input closed)", answer.author());
                        say("the operator's input closed: aborting");
                        return Decision.ABORT;
                    }
                    default -> say("[" + answer.text() + "] is not an answer; " + ANSWERS + "\n> ");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.ABORT;
        } finally {
            prompting = false;
            waiting = null;
        }
    }

    private void decided(StepCard card, TimelineStep step, String decision, String by) {
        record(clock.instant(), by, decision + " step " + card.number() + " [" + step.name() + "]: " + Plan.fault(step.fault())
            + " on " + step.target().describe());
        if (!by.equals(author)) {
            say(decision + " by " + by + " (web console)");
        }
        listener.answered(card, decision, by);
    }

    private RunOutcome.Note record(Instant at, String by, String text) {
        RunOutcome.Note note = new RunOutcome.Note(at, by, text);
        synchronized (notes) {
            notes.add(note);
        }
        return note;
    }

    @Override
    public List<RunOutcome.Note> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    @Override
    public List<RunOutcome.Participant> participants() {
        return room.participants();
    }

    @Override
    public List<RunOutcome.RoomDecision> decisions() {
        return room.decisions();
    }

    private void say(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
