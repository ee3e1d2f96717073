package dev.clocksync.systemtest;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's page in Debian's headless Chromium, driven through its chromedriver (both from the
 * machine, found on the PATH: nothing is downloaded). Reads what a person would see. Also opens other
 * pages ({@link #go}): the services' Swagger UI.
 */
final class DashboardPage implements AutoCloseable {

    private static final Pattern NUMBER = Pattern.compile("#(\\d+)");

    private final ChromeDriver driver;

    private DashboardPage(ChromeDriver driver) {
        this.driver = driver;
    }

    static DashboardPage open(String url, Path driverLog) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(which("chromium"));
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1250", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.SEVERE);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(which("chromedriver")))
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(url);
            return new DashboardPage(driver);
        } catch (RuntimeException failed) {
            driver.quit();
            throw failed;
        }
    }

    private static String which(String tool) {
        Tools.Result found = Tools.run("sh", "-c", "command -v " + tool);
        if (found.exitCode() != 0) {
            throw new IllegalStateException(tool + " is not on the PATH");
        }
        return found.output().trim();
    }

    /*
     * The page redraws what changed every refresh: it is read with one script per question, never through
     * element handles that a redraw can make stale between two calls.
     */

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** @return the text of the first element the selector finds, or null */
    /**
     * Asserts what the page shows of the whole cluster, live: the eight clocks (time server, clients, master,
     * slaves) all up, and the five nodes all up with node 5 crowned. For {@code untilAsserted}.
     */
    void assertShowsTheWholeClusterLive() {
        assertThat(connection()).isEqualTo("live");
        assertThat(clockNames()).containsExactly("time-server", "mobile", "laptop", "master", "master-2", "KMC", "MIT", "TAPMI", "SOLS");
        assertThat(clockStatuses()).containsOnly("up");
        assertThat(nodeIds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(nodeStatuses()).containsOnly("up");
        assertThat(coordinator()).isEqualTo(5);
        assertThat(masterStatuses()).containsExactly("leader", "standby");
        assertThat(leadingMaster()).startsWith("♛ leading master: master, term ");
    }

    /** @return each master card's status (leader, standby, electing, crashed, down), in the configured order */
    List<String> masterStatuses() {
        return attributes("#masters .master", "data-status");
    }

    /** @return the status of the master's card */
    String masterStatus(String name) {
        return attribute("#masters .master[data-master='" + name + "']", "data-status");
    }

    /** @return the line that says which master leads, and in which term */
    String leadingMaster() {
        return text("#master-leader");
    }

    String text(String css) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
    }

    private String attribute(String css, String attribute) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, attribute);
    }

    @SuppressWarnings("unchecked")
    private List<String> attributes(String css, String attribute) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));",
                css, attribute);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);", css);
    }

    void go(String url) {
        driver.get(url);
    }

    /** @return how many elements the selector finds */
    long count(String css) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length;", css)).longValue();
    }

    String connection() {
        return text("#connection");
    }

    List<String> clockNames() {
        return attributes("#clocks tbody tr", "data-clock");
    }

    List<String> clockStatuses() {
        return texts("#clocks tbody tr td:last-child");
    }

    /** @return the status cell of a clock's row (up or down) */
    String clockStatus(String clock) {
        return text("#clocks tbody tr[data-clock='" + clock + "'] td:last-child");
    }

    /** @return the page's "updated hh:mm:ss" */
    String updated() {
        return text("#updated");
    }

    List<Integer> nodeIds() {
        return attributes("#nodes .node", "data-node-id").stream().map(Integer::valueOf).toList();
    }

    List<String> nodeStatuses() {
        return attributes("#nodes .node", "data-status");
    }

    String nodeStatus(int id) {
        return attribute("#nodes .node[data-node-id='" + id + "']", "data-status");
    }

    /** @return the coordinator the page names, or null */
    Integer coordinator() {
        String id = attribute("#coordinator", "data-coordinator");
        return id == null ? null : Integer.valueOf(id);
    }

    String coordinatorText() {
        return text("#coordinator");
    }

    /** @return the id on the one card drawn as the leader's, or null if none is */
    Integer leaderCard() {
        List<String> leaders = attributes("#nodes .node.leader", "data-node-id");
        return leaders.size() == 1 ? Integer.valueOf(leaders.get(0)) : null;
    }

    String lastElection() {
        return text("#last-election");
    }

    /** @return how many lines the chart draws (uPlot's series, less the time axis) */
    long chartSeries() {
        return attributes("#chart .u-legend .u-series", "class").size() - 1L;
    }

    /** @return the number of the round the table shows, 0 if none */
    long roundNumber() {
        Matcher number = NUMBER.matcher(String.valueOf(text("#round-number")));
        return number.find() ? Long.parseLong(number.group(1)) : 0;
    }

    List<String> roundRows() {
        return attributes("#round tbody tr", "data-participant");
    }

    List<String> log() {
        return texts("#log li");
    }

    /** @return the round number of the newest logged round */
    long loggedRound() {
        return log().stream().map(line -> Pattern.compile("round #(\\d+)").matcher(line)).filter(Matcher::find)
                .map(matcher -> Long.parseLong(matcher.group(1))).findFirst().orElse(0L);
    }

    /** Clicks as a person would (WebDriver's pointer, not a script), again if a redraw replaced the button meanwhile. */
    void click(String css) {
        await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            WebElement button = driver.findElement(By.cssSelector(css));
            script("arguments[0].scrollIntoView({block: 'center'})", button);
            button.click();
        });
    }

    void selectElectionFrom(int id) {
        new Select(driver.findElement(By.id("election-from"))).selectByValue(String.valueOf(id));
    }

    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    void screenshot(Path file) throws IOException {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
