package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium, Debian's chromium and chromium-driver) against
 * the real {@code target/mammoflow.jar}, running the quick demo first so that there are runs,
 * evaluations and models to show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Path JAR = Path.of("target", "mammoflow.jar").toAbsolutePath();
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration DEMO_PATIENCE = Duration.ofMinutes(15);

    @TempDir
    static Path workdir;

    private static Process runtime;
    private static OutputStream console;
    private static String base;
    private static WebDriver browser;

    @BeforeAll
    static void startTheRuntimeWithTheQuickDemo() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Files.createDirectories(workdir.resolve("load"));
        Files.writeString(workdir.resolve("load/org.mammoflow.dashboard.cfg"),
                "user=" + USER + "\npassword=" + PASSWORD + "\nuploadLimitMegabytes=1\n");
        runtime = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.osgi.service.http.port=" + port, "-jar", JAR.toString())
                .directory(workdir.toFile())
                .redirectOutput(workdir.resolve("runtime-out.txt").toFile())
                .redirectError(workdir.resolve("runtime-err.txt").toFile()).start();
        console = runtime.getOutputStream();
        command("mammo:demo --quick -o demo");
        await("the quick demo", DEMO_PATIENCE, () -> Files.exists(workdir.resolve("demo/heatmap.png")));
        await("the demo's summary", Duration.ofSeconds(30), () -> out().contains("== Mammoflow demo summary"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            command("exit");
            runtime.getOutputStream().close();
            if (!runtime.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void theDemoNamesTheDashboardAndItsRunsAndEvaluationsAppear() throws Exception {
        assertTrue(out().contains("the dashboard shows this demo's runs as they train: " + base + "/mammoflow/"), out());
        browser.get(base + "/mammoflow/");
        WebElement run = waitFor(By.cssSelector("#runs li[data-run='demo/whole-run']"));
        assertTrue(browser.findElements(By.cssSelector("#runs li[data-run='demo/patch-run']")).size() == 1);
        run.click();
        WebElement auc = waitFor(By.cssSelector("#evaluations .evaluation .auc"));
        String expected = Files.readString(workdir.resolve("demo/whole-run/evaluation-test/evaluation.json"));
        String aucValue = expected.replaceAll("(?s).*\"auc\": ([0-9.]+).*", "$1");
        assertTrue(auc.getText().startsWith(String.format(java.util.Locale.ROOT, "AUC %.3f (95%% interval ",
                Double.parseDouble(aucValue))), auc.getText() + " vs " + expected);
        assertEquals(3, browser.findElements(By.cssSelector("#evaluations .confusion tr")).size(), "header, 2 classes");
        assertEquals(List.of("true \\ predicted", "benign", "malignant", "accuracy"), browser
                .findElements(By.cssSelector("#evaluations .confusion th")).stream().limit(4).map(WebElement::getText).toList());
        String exam = expected.replaceAll("(?s).*\"level\": \"exam\", \"cases\": (\\d+).*", "$1");
        assertTrue(browser.findElements(By.cssSelector("#evaluations .levels tr")).stream().map(WebElement::getText)
                .anyMatch(row -> row.startsWith("exam " + exam + " ")), "the exam row of evaluation.json, " + exam + " exams");
        assertTrue(waitFor(By.cssSelector("#evaluations .calibration")).getText().contains("ECE"));
        assertTrue(waitFor(By.cssSelector("#evaluations .operating-points")).getText().contains("sensitivity 0.900"),
                "the demo's operating point");
        WebElement reliability = waitFor(By.cssSelector("#evaluations img[alt='reliability diagram']"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> loaded(reliability));
        assertFalse(browser.findElements(By.cssSelector("#curves svg.curve polyline")).isEmpty());
        WebElement roc = waitFor(By.cssSelector("#evaluations img"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> loaded(roc));
        waitFor(By.cssSelector("#pictures img[title='experiment/heatmap.png']"));
        String rocChart = waitFor(By.cssSelector("#evaluations svg.roc")).getText();
        assertTrue(rocChart.contains("AUC " + String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(aucValue))),
                rocChart);
        assertTrue(rocChart.contains("false positive rate"), "axes with their names: " + rocChart);

        // two runs compared: one polyline per run in each comparison chart
        browser.findElement(By.cssSelector("#runs input.compare[data-run='demo/patch-run']")).click();
        browser.findElement(By.cssSelector("#runs input.compare[data-run='demo/whole-run']")).click();
        for (String chart : List.of("compare-loss", "compare-accuracy")) {
            waitFor(By.cssSelector("#" + chart + " polyline[data-run='demo/patch-run']"));
            waitFor(By.cssSelector("#" + chart + " polyline[data-run='demo/whole-run']"));
        }
        assertTrue(browser.findElement(By.id("compare-loss")).getText().contains("demo/whole-run"), "a legend key per run");
        browser.findElement(By.id("log-loss")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("compare-loss")).getText()
                .contains("validation loss (log)"));
        screenshot("dashboard.png");
    }

    @Test
    @Order(2)
    void aTrainingJobsProgressAndCurveUpdateLiveAndItIsCancelled() throws Exception {
        browser.get(base + "/mammoflow/");
        logIn();
        command("mammo:train-patch -a resnet18 -e 50,0,0 -b 4 --size 112 demo/patches live-run");
        WebElement row = waitFor(By.xpath("//table[@id='jobs']//tr[td[@class='run' and contains(., 'live-run')]]"),
                Duration.ofSeconds(120));
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> points() >= 2);
        int before = points();
        String progressBefore = row.findElement(By.className("progress")).getText();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> points() >= before + 3);
        assertTrue(row.findElement(By.className("progress")).getText().matches("stage 1/3, epoch \\d+/50, batch \\d+/\\d+"),
                row.getText());
        assertFalse(progressBefore.equals(row.findElement(By.className("progress")).getText()), "progress moves");
        assertEquals("running", row.findElement(By.className("state")).getText());
        WebElement cancel = row.findElement(By.className("cancel"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", cancel);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> cancel.isDisplayed() && cancel.isEnabled());
        cancel.click();
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> row.findElement(By.className("state")).getText().equals("cancelled"));
    }

    @Test
    @Order(3)
    void anUploadedRawMammogramGetsItsProbabilityAndHeatmap() throws Exception {
        browser.get(base + "/mammoflow/");
        logIn();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> new Select(d.findElement(By.id("predict-run"))).getOptions().size() >= 1);
        new Select(browser.findElement(By.id("predict-run"))).selectByValue("demo/whole-run");
        new Select(browser.findElement(By.id("predict-patch-run"))).selectByValue("demo/patch-run");
        Path mammogram;
        try (Stream<Path> raw = Files.walk(workdir.resolve("demo/raw"))) {
            mammogram = raw.filter(p -> p.toString().endsWith(".png") && !p.toString().contains("mask")).sorted()
                    .findFirst().orElseThrow();
        }
        browser.findElement(By.id("predict-file")).sendKeys(mammogram.toString());
        browser.findElement(By.id("predict-button")).click();
        WebElement result = browser.findElement(By.id("predict-result"));
        new WebDriverWait(browser, Duration.ofSeconds(180)).until(d -> result.getText().contains("probability"));
        assertTrue(result.getText().matches(java.util.regex.Pattern.quote(mammogram.getFileName().toString())
                + ": malignant probability [01]\\.\\d{4}"), result.getText());
        WebElement heatmap = browser.findElement(By.id("predict-heatmap"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> heatmap.isDisplayed() && loaded(heatmap));
        try (Stream<Path> left = Files.list(workdir.resolve("work/dashboard/uploads"))) {
            assertEquals(List.of(), left.toList(), "the upload is not kept");
        }
    }

    @Test
    @Order(4)
    void anonymousActionsTheConsolePathTraversalAndOversizedUploadsAreRefused() throws Exception {
        HttpClient anonymous = HttpClient.newHttpClient();
        assertEquals(401, status(anonymous, get("/system/console/bundles")));
        assertEquals(401, status(anonymous, get("/system/console/bundles").header("Authorization", basic("admin", "admin"))));
        assertEquals(200, status(anonymous, get("/system/console/bundles").header("Authorization", basic(USER, PASSWORD))),
                DashboardIT::diagnostics);

        assertEquals(403, status(anonymous, post("/mammoflow/api/samplers?use=s", false)), "no action header");
        assertEquals(401, status(anonymous, post("/mammoflow/api/samplers?use=s", true)), "not logged in");
        assertEquals(401, status(anonymous, post("/mammoflow/api/jobs/job-1/cancel", true)));
        assertEquals(401, status(anonymous, post("/mammoflow/api/runs/resume?run=live-run", true)));
        assertEquals(401, status(anonymous, post("/mammoflow/api/login?user=admin&password=admin", true)));

        assertEquals(200, status(anonymous, get("/mammoflow/api/runs/file?run=demo/whole-run&key=run.properties")));
        for (String sneaky : List.of("run=demo/whole-run&key=../../load/org.mammoflow.dashboard.cfg",
                "run=demo/whole-run&key=%2Fetc%2Fpasswd", "run=..&key=load/org.mammoflow.dashboard.cfg",
                "run=demo/../load&key=org.mammoflow.dashboard.cfg")) {
            HttpResponse<String> refused = anonymous.send(get("/mammoflow/api/runs/file?" + sneaky).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, refused.statusCode(), sneaky);
            assertFalse(refused.body().contains(PASSWORD), sneaky);
        }
        HttpResponse<String> dotted = anonymous.send(get("/mammoflow/../load/org.mammoflow.dashboard.cfg").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(dotted.statusCode() >= 400 && !dotted.body().contains(PASSWORD), dotted.statusCode() + dotted.body());

        HttpClient user = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertEquals(200, status(user, HttpRequest.newBuilder(URI.create(base + "/mammoflow/api/login"))
                .header("X-Mammoflow", "1").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + USER + "&password="
                        + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))));
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        HttpResponse<String> oversized = user.send(HttpRequest.newBuilder(URI.create(base
                + "/mammoflow/api/predict?run=demo/whole-run&name=big.dcm")).header("X-Mammoflow", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, oversized.statusCode(), oversized.body());
        assertTrue(oversized.body().contains("big.dcm is larger than the 1 MB upload limit"), oversized.body());
        Path uploads = workdir.resolve("work/dashboard/uploads");
        if (Files.exists(uploads)) {
            try (Stream<Path> left = Files.list(uploads)) {
                assertEquals(List.of(), left.toList(), "nothing of the refused upload is kept");
            }
        }
    }

    private static void logIn() {
        WebElement session = waitFor(By.id("session"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !session.getText().isEmpty());
        if (session.getText().startsWith("logged in")) {
            return;
        }
        browser.findElement(By.id("login-user")).sendKeys(USER);
        browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage(() -> "login: " + session.getText() + " / "
                + browser.findElement(By.id("message")).getText() + "\n" + diagnostics())
                .until(d -> session.getText().equals("logged in as " + USER));
    }

    private static int points() {
        return Integer.parseInt(browser.findElement(By.id("live-curve")).getAttribute("data-points"));
    }

    private static boolean loaded(WebElement image) {
        Object width = ((JavascriptExecutor) browser).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", image);
        return ((Number) width).intValue() > 0;
    }

    private static WebElement waitFor(By by) {
        return waitFor(by, Duration.ofSeconds(30));
    }

    private static WebElement waitFor(By by, Duration patience) {
        return new WebDriverWait(browser, patience).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Saves the page as a picture in target/ (the README's is taken from a full demo: docs/guide.md, "The dashboard"). */
    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name).toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    private static HttpRequest.Builder post(String path, boolean actionHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
        return actionHeader ? request.header("X-Mammoflow", "1") : request;
    }

    private static int status(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void command(String line) throws IOException {
        console.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    private static String diagnostics() {
        try {
            return "load/: " + Files.readString(workdir.resolve("load/org.mammoflow.dashboard.cfg")) + "\nout:\n" + out()
                    + "\nerr:\n" + Files.readString(workdir.resolve("runtime-err.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String out() {
        try {
            return Files.readString(workdir.resolve("runtime-out.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void await(String what, Duration patience, java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline || !runtime.isAlive()) {
                throw new AssertionError("gave up waiting for " + what + ":\n" + out() + "\n"
                        + Files.readString(workdir.resolve("runtime-err.txt")));
            }
            Thread.sleep(200);
        }
    }
}
