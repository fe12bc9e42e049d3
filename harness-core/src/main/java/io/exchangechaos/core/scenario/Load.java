package io.exchangechaos.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The open-model load: orders start at {@code rate} whatever the exchange does (a slow exchange is never given
 * less work), ramping up linearly over {@code rampUp}; the load window lasts {@code duration}, ramp-up included.
 * Built in Java as {@code openLoad().rate(200).perSecond().rampUp(ofSeconds(5)).during(ofSeconds(60))}, then
 * refined with the {@code with…}-style copies below.
 *
 * @param accounts       how many trading accounts orders are spread over
 * @param requestTimeout after this, an operation's outcome is unknown (indeterminate) until reconciled
 */
public record Load(Rate rate, Duration rampUp, Duration duration, Mix mix, List<String> symbols, int accounts,
                   Duration requestTimeout, List<Surge> surges) {

    /** No symbols: the load trades the adapter's {@code defaultSymbols()}. */
    public static final List<String> ADAPTER_SYMBOLS = List.of();
    public static final int DEFAULT_ACCOUNTS = 20;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    public Load {
        symbols = symbols == null ? null : List.copyOf(symbols);
        surges = surges == null ? List.of() : List.copyOf(surges);
    }

    public Load mix(Mix mix) {
        return new Load(rate, rampUp, duration, mix, symbols, accounts, requestTimeout, surges);
    }

    public Load symbols(String... symbols) {
        return new Load(rate, rampUp, duration, mix, List.of(symbols), accounts, requestTimeout, surges);
    }

    public Load accounts(int accounts) {
        return new Load(rate, rampUp, duration, mix, symbols, accounts, requestTimeout, surges);
    }

    public Load requestTimeout(Duration requestTimeout) {
        return new Load(rate, rampUp, duration, mix, symbols, accounts, requestTimeout, surges);
    }

    /** Adds a surge. */
    public Load surge(Surge surge) {
        List<Surge> more = new ArrayList<>(surges);
        more.add(surge);
        return new Load(rate, rampUp, duration, mix, symbols, accounts, requestTimeout, more);
    }

    /** First stage of {@code openLoad().rate(200).perSecond()…}. */
    public record Open() {
        public Rated rate(double orders) {
            return new Rated(orders);
        }
    }

    /** Second stage: the unit of the rate. */
    public record Rated(double orders) {
        public Timing perSecond() {
            return new Timing(new Rate(orders), Duration.ZERO);
        }
    }

    /** Last stage: an optional ramp-up, then how long the load lasts. */
    public record Timing(Rate rate, Duration rampUp) {
        public Timing rampUp(Duration rampUp) {
            return new Timing(rate, rampUp);
        }

        public Load during(Duration duration) {
            return new Load(rate, rampUp, duration, Mix.DEFAULT, ADAPTER_SYMBOLS, DEFAULT_ACCOUNTS,
                    DEFAULT_REQUEST_TIMEOUT, List.of());
        }
    }
}
