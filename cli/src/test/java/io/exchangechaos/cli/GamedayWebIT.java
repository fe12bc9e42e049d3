package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web game-day console in a real headless Chromium, driven by Selenium through Debian's chromium-driver, against a
 * real {@code ./chaos gameday --web} on the single-region stack: a spectator sees no controls; a participant signs in,
 * proceeds the first step from the keyboard, adds a note, takes a decision, and aborts at the second step while the
 * first fault is in effect. The run ends ABORTED (exit 3), the ledger holds the fault healed, and report.json,
 * report.html and the manifest's chain hold the participant, the note and the decision with its time from the fault.
 */
class GamedayWebIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String NOTE = "p99 up on the order entry link, no errors yet";
    static final Pattern CONSOLE = Pattern.compile("^console: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{32}))$");

    @Test
    void theRoomSignsInProceedsNotesDecidesAndAborts() throws Exception {
        assertThat(CHROMIUM).as("chromium (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/gameday-web-it"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path out = work.resolve("runs");
        Path scenario = Launcher.ROOT.resolve("cli/src/test/resources/gameday/web-drill.yaml");

        // GIVEN a web game day, its terminal's input closed (the console answers)
        try (RunningChaos chaos = RunningChaos.start(work, Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home),
            List.of("gameday", scenario.toString(), "--web", "--out", out.toString()))) {
            Matcher link = CONSOLE.matcher(chaos.awaitLine(l -> l.startsWith("console: "), Duration.ofSeconds(60)));
            assertThat(link.matches()).as(chaos.printed()).isTrue();
            String url = link.group(1);
            String spectatorUrl = "http://127.0.0.1:" + link.group(2) + "/";

            WebDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                WebDriverWait stackStart = new WebDriverWait(browser, Duration.ofSeconds(120));

                // a spectator (no token) sees the runbook but no control
                browser.get(spectatorUrl);
                wait.until(ExpectedConditions.textToBe(By.id("mode"), "view only"));
                assertThat(browser.findElement(By.id("steps")).getText()).contains("slow the order entry link");
                assertThat(browser.findElement(By.id("heal-all")).isDisplayed()).isFalse();
                assertThat(browser.findElement(By.id("note-form")).isDisplayed()).isFalse();

                // WHEN a participant signs in with the operator's link, from the keyboard
                browser.get(url);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-name"))).sendKeys("Alice Example");
                browser.findElement(By.id("signin-role")).sendKeys("incident commander", Keys.ENTER);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("participants"), "Alice Example — incident commander"));

                // proceeds the first step with Alt+P
                stackStart.until(ExpectedConditions.elementToBeClickable(By.id("proceed")));
                assertThat(browser.findElement(By.id("waiting")).getText()).contains("Step 1 of 2: slow the order entry link")
                    .contains("latency 100ms").contains("client-gateway-r1").contains("at 4s into the load");
                new Actions(browser).keyDown(Keys.ALT).sendKeys("p").keyUp(Keys.ALT).perform();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active"), "slow the order entry link"));

                // adds a note and takes a decision while the fault is in effect
                browser.findElement(By.id("note")).sendKeys(NOTE);
                browser.findElement(By.id("note-button")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notes"), NOTE));
                browser.findElement(By.id("decide-stay")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decisions"), "s after fault slow the order entry link"));
                assertThat(browser.findElement(By.id("since-fault")).getText()).matches("\\d+:\\d\\d");

                // and aborts at the second step
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting"), "Step 2 of 2: freeze the gateway"));
                browser.findElement(By.id("abort")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Run over: ABORTED (exit 3)"));
            } finally {
                browser.quit();
            }

            // THEN the run ends ABORTED, exit 3
            int exit = chaos.awaitExit(Duration.ofSeconds(90));
            String printed = chaos.printed();
            System.out.println(printed);
            assertThat(exit).as(printed).isEqualTo(3);
            assertThat(printed).contains("ABORT by Alice Example (web console)").contains("Verdict: ABORTED");

            // AND the fault is healed: the ledger has it, healed, and nothing open
            FaultLedger ledger = new FaultLedger(home.resolve(".exchange-chaos/ledger.jsonl"));
            assertThat(ledger.entries()).as("the run recorded its fault").isNotEmpty();
            assertThat(ledger.unhealed()).as("unhealed ledger entries").isEmpty();

            // AND the report holds the participant, the note and the decision, sealed in the manifest's chain
            Matcher runDirLine = Pattern.compile("(?m)^Run dir: (.+)$").matcher(printed);
            assertThat(runDirLine.find()).as(printed).isTrue();
            Path runDir = work.resolve(runDirLine.group(1));
            JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
            assertThat(report.path("verdict").asText()).isEqualTo("ABORTED");
            assertThat(report.path("faults")).isNotEmpty().allSatisfy(f ->
                assertThat(f.path("healedAt").isTextual()).as("healed: %s", f).isTrue());
            assertThat(report.at("/participants/0/name").asText()).isEqualTo("Alice Example");
            assertThat(report.at("/participants/0/role").asText()).isEqualTo("incident commander");
            List<String> notes = new ArrayList<>();
            report.path("notes").forEach(n -> notes.add(n.path("author").asText() + ": " + n.path("text").asText()));
            assertThat(notes).contains("Alice Example: " + NOTE)
                .anySatisfy(n -> assertThat(n).startsWith("Alice Example: PROCEED step 1 [slow the order entry link]"))
                .anySatisfy(n -> assertThat(n).startsWith("Alice Example: ABORT step 2 [freeze the gateway]"));
            JsonNode decision = report.at("/decisions/0");
            assertThat(decision.path("choice").asText()).isEqualTo("stay");
            assertThat(decision.path("author").asText()).isEqualTo("Alice Example");
            assertThat(decision.path("fault").asText()).isEqualTo("slow the order entry link");
            assertThat(decision.path("secondsAfterFault").isNumber()).as("%s", decision).isTrue();
            assertThat(decision.path("secondsAfterFault").asDouble()).isBetween(0.0, 60.0);

            String html = Files.readString(runDir.resolve("report.html"));
            assertThat(html).contains("Game day room").contains("Alice Example").contains("incident commander")
                .contains(NOTE).contains("<strong>stay</strong>");
            // the room's record is sealed: every file and the timeline verify
            assertThat(ReportVerifier.verify(runDir).problems()).isEmpty();
            String manifest = Files.readString(runDir.resolve("manifest.json"));
            assertThat(manifest).contains("\"kind\" : \"participant-joined\"").contains("\"kind\" : \"decision\"");
        }
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200",
            "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
