package dev.parley.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.SmtpSettings;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.gateway.signin.EmailSubjects;
import dev.parley.gateway.signin.SignInChallenges;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The consent center end to end in real headless Chromium: a real gateway with every consent
 * component, GreenMail as the SMTP relay and two registered partners; a person signs in with the
 * mailed code, grants and withdraws a purpose, downloads a receipt (verified against the ledger's
 * key), exports, erases with confirmation and ends signed out with nothing left.
 */
class ConsentCenterBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String EMAIL = "robin.browser@example.org";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  @TempDir Path profile;
  @TempDir Path downloads;
  private ParleyServer server;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() throws Exception {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        fail(
            binary
                + " is missing: the browser test needs Debian's chromium and chromium-driver;"
                + " `./parley test` installs them (apt-get install chromium chromium-driver)");
      }
    }
    SmtpSettings smtp =
        SmtpSettings.fromEnvironment(
            Map.of(
                SmtpSettings.ENV_HOST, "127.0.0.1",
                SmtpSettings.ENV_PORT, Integer.toString(SMTP.getSmtp().getPort()),
                SmtpSettings.ENV_STARTTLS, "disabled"));
    server =
        ParleyServer.start(
            TestServers.config(data, TlsMode.AUTO),
            Clock.systemUTC(),
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentComponent.factory(),
                ConsentCenterComponent.factory(ctx -> smtp, SignInChallenges.Limits.DEFAULT)));
    ConsentStore store = server.component(ConsentComponent.class).orElseThrow().store();
    store.registerPartner(Partner.of("acme", "Acme Retail"));
    store.registerPartner(Partner.of("globex", "Globex Media"));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true,
            "safebrowsing.enabled", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The system chromedriver, named explicitly, so Selenium Manager never resolves or downloads a
    // driver. (ChromeDriverService.Builder would do the same, but its class carries an annotation
    // whose class is not on the test class path, which javac's -Xlint:classfile turns into an
    // error under -Werror; this constructor is what the Builder calls.)
    int driverPort = TestServers.freePort();
    ChromeDriverService service =
        new ChromeDriverService(
            CHROMEDRIVER.toFile(),
            driverPort,
            Duration.ofSeconds(20),
            List.of("--port=" + driverPort),
            Map.of());
    driver = new ChromeDriver(service, options);
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  private WebElement visible(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private void statusContains(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
  }

  private String mailedCode() {
    assertTrue(SMTP.waitForIncomingEmail(10_000, 1), "the code arrived by SMTP");
    Matcher m =
        Pattern.compile("\\b([0-9]{6})\\b")
            .matcher(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]));
    assertTrue(m.find(), "a code in the mail");
    return m.group(1);
  }

  private Path downloaded(String name) {
    Path file = downloads.resolve(name);
    wait.until(
        d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
    return file;
  }

  private WebElement box(String partner, String purpose) {
    return driver.findElement(
        By.cssSelector(
            "#grid input[type=checkbox][data-partner='"
                + partner
                + "'][data-purpose='"
                + purpose
                + "']"));
  }

  /** Saves a screenshot when {@code -Dparley.screenshots=<dir>} is set, for a person to look at. */
  private void screenshot(String name) throws java.io.IOException {
    String dir = System.getProperty("parley.screenshots");
    if (dir != null) {
      Files.createDirectories(Path.of(dir));
      Files.write(
          Path.of(dir, name + ".png"),
          driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }
  }

  private int historyItems() {
    return driver.findElements(By.cssSelector("#history li")).size();
  }

  @Test
  void consentCenter_fullJourney_signInGrantWithdrawReceiptExportEraseSignedOut() throws Exception {
    driver.get(server.baseUrl() + "/consent-center/");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));

    screenshot("1-signin");
    // Sign in: the address, then the code from the mail, both submitted from the keyboard.
    visible("email").sendKeys(EMAIL, Keys.ENTER);
    WebElement code = visible("code");
    statusContains("We mailed you a 6-digit code");
    assertEquals(EMAIL, SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString());
    screenshot("2-code");
    code.sendKeys(mailedCode(), Keys.ENTER);
    visible("center");
    statusContains("You are signed in");
    wait.until(d -> d.findElements(By.cssSelector("#grid input[type=checkbox]")).size() == 16);
    JsonObject catalog = new JsonObject(get("/consent/catalog"));
    assertEquals(2, catalog.getJsonArray("partners").size());
    String purpose = catalog.getJsonArray("purposes").getJsonObject(0).getString("id");
    String purposeTitle = catalog.getJsonArray("purposes").getJsonObject(0).getString("title");
    WebElement label =
        driver.findElement(
            By.cssSelector("label[for='" + box("acme", purpose).getDomAttribute("id") + "']"));
    assertTrue(label.getText().contains("Not decided"), label.getText());

    // Grant with the mouse.
    box("acme", purpose).click();
    statusContains("Allowed Acme Retail for " + purposeTitle);
    wait.until(d -> historyItems() == 1);
    assertTrue(box("acme", purpose).isSelected());
    assertFalse(box("globex", purpose).isSelected());

    // Withdraw from the keyboard: focus the checkbox and press Space.
    WebElement granted = box("acme", purpose);
    ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", granted);
    driver.switchTo().activeElement().sendKeys(Keys.SPACE);
    statusContains("Withdrew consent from Acme Retail");
    wait.until(d -> historyItems() == 2);
    screenshot("3-withdrawn");
    assertFalse(box("acme", purpose).isSelected());

    // Download the receipt of the grant (the older entry) and verify it offline.
    WebElement receiptButton = driver.findElements(By.cssSelector("#history li button")).get(1);
    String index = receiptButton.getDomAttribute("data-ledger-index");
    receiptButton.click();
    Path receiptFile = downloaded("parley-receipt-" + index + ".json");
    statusContains("Receipt saved as parley-receipt-" + index + ".json");
    Receipt receipt = Receipt.parse(Files.readAllBytes(receiptFile));
    NoteVerifierKey vkey = NoteVerifierKey.parse(get("/ledger/vkey").trim());
    ReceiptVerifier.Verified verified = ReceiptVerifier.verify(receipt, vkey);
    assertEquals(Long.parseLong(index), receipt.index());
    assertTrue(verified.entry() != null, "the receipt proves a ledger entry");

    // Export.
    driver.findElement(By.id("export")).click();
    Path export = downloaded("parley-consent-export.jsonld");
    String exported = Files.readString(export);
    assertTrue(exported.contains("@context"), exported);

    // Erase, with the confirmation step.
    driver.findElement(By.id("erase")).click();
    visible("erase-confirm");
    assertEquals("erase-confirm-title", driver.switchTo().activeElement().getDomAttribute("id"));
    driver.findElement(By.id("erase-no")).click();
    assertFalse(driver.findElement(By.id("erase-confirm")).isDisplayed());
    assertTrue(driver.findElement(By.id("center")).isDisplayed(), "cancel keeps everything");
    driver.findElement(By.id("erase")).click();
    screenshot("4-erase-confirm");
    visible("erase-yes").click();
    visible("signin");
    statusContains("Everything was erased");
    screenshot("5-erased");

    // Signed out, with no state left: in the page, the browser and the server.
    assertFalse(driver.findElement(By.id("center")).isDisplayed());
    assertTrue(driver.findElements(By.cssSelector("#grid input, #history li")).isEmpty());
    JavascriptExecutor js = driver;
    assertEquals(0L, js.executeScript("return localStorage.length + sessionStorage.length"));
    Object sessionStatus =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "fetch('/signin/session', {credentials: 'same-origin'})"
                + ".then(function (r) { done(r.status); }, function () { done(-1); });");
    assertEquals(401L, sessionStatus);
    assertEquals(null, driver.manage().getCookieNamed("parley_session"), "session cookie expired");
    assertEquals(0, server.component(AuthComponent.class).orElseThrow().sessions().size());
    SubjectToken subject =
        new EmailSubjects(server.component(MatchingComponent.class).orElseThrow().keyring())
            .subjectOf(EMAIL);
    ConsentStore store = server.component(ConsentComponent.class).orElseThrow().store();
    assertTrue(store.history(subject).isEmpty(), "no consent records remain");

    // The strict policy held: the browser refused nothing the page tried to load or run.
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      assertFalse(
          e.getMessage().contains("Content Security Policy"), "CSP violation: " + e.getMessage());
    }
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
