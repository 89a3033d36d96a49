package dev.customllm.sample.assistant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the page at {@code /} in headless Chromium: a person types a question and
 * watches the answer stream in. Needs Debian's {@code chromium} and
 * {@code chromium-driver} packages, which {@code .ci/run} installs; skipped without them.
 *
 * @author Custom LLM team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AssistantPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String QUESTION = "Why does the answer of a language model appear word by word "
			+ "instead of all at once";

	/**
	 * Records, in the page, every text the answer takes and when, so that steps too quick
	 * for polling are seen too.
	 */
	private static final String RECORD_STEPS = """
			const answer = document.getElementById('answer');
			window.answerSteps = [];
			new MutationObserver(() => window.answerSteps.push({ text: answer.textContent, at: performance.now() }))
				.observe(answer, { childList: true, characterData: true, subtree: true });
			const reasoning = document.getElementById('reasoning');
			window.reasoningSteps = [];
			new MutationObserver(() => window.reasoningSteps.push(reasoning.textContent))
				.observe(reasoning, { childList: true, characterData: true, subtree: true });
			""";

	@LocalServerPort
	private int port;

	@Autowired
	private AssistantService assistantService;

	private Path profile;

	private WebDriver driver;

	@BeforeEach
	void startBrowser() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Chromium is not installed at " + CHROMIUM + " (apt-get install chromium); .ci/run installs it");
		assumeTrue(Files.isExecutable(CHROMEDRIVER), "ChromeDriver is not installed at " + CHROMEDRIVER
				+ " (apt-get install chromium-driver); .ci/run installs it");
		this.profile = Files.createTempDirectory("chromium-profile-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			try (Stream<Path> paths = Files.walk(this.profile)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Test
	void answerStreamsIntoThePageInSeveralStepsAndCompletes() throws InterruptedException {
		this.driver.get("http://localhost:" + this.port + "/");
		((JavascriptExecutor) this.driver).executeScript(RECORD_STEPS);
		this.driver.findElement(By.id("question")).sendKeys(QUESTION);
		this.driver.findElement(By.id("ask")).click();
		WebElement answer = this.driver.findElement(By.id("answer"));
		WebElement status = this.driver.findElement(By.id("status"));
		List<String> polled = pollUntilDone(answer, status);
		String expected = this.assistantService.answer(QUESTION).block();
		assertThat(status.getDomAttribute("data-state")).as("status: %s", status.getText()).isEqualTo("done");
		assertThat(answer.getText()).isEqualTo(expected);
		assertThat(polled).as("texts seen by polling").last().isEqualTo(expected);
		assertGrewInSteps(polled, expected, "texts seen by polling");
		List<String> steps = recordedSteps();
		assertThat(steps).as("texts recorded by the page").hasSizeGreaterThanOrEqualTo(3);
		assertGrewInSteps(steps, expected, "texts recorded by the page");
		WebElement reasoning = this.driver.findElement(By.id("reasoning"));
		assertThat(this.driver.findElement(By.id("reasoning-panel")).isDisplayed()).isTrue();
		assertThat(reasoning.getText()).as("the model's thinking beside the answer")
			.startsWith("The user asks:")
			.isNotEqualTo(expected);
		List<String> thinking = recordedReasoning();
		assertThat(thinking).as("thinking recorded by the page").hasSizeGreaterThanOrEqualTo(2);
		assertThat(thinking).last().isEqualTo(reasoning.getText());
	}

	private List<String> pollUntilDone(WebElement answer, WebElement status) throws InterruptedException {
		List<String> seen = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			String text = answer.getText();
			if (!text.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text))) {
				seen.add(text);
			}
			if (!"streaming".equals(status.getDomAttribute("data-state"))) {
				String last = answer.getText();
				if (!last.isEmpty() && !seen.get(seen.size() - 1).equals(last)) {
					seen.add(last);
				}
				return seen;
			}
			Thread.sleep(2);
		}
		return seen;
	}

	@SuppressWarnings("unchecked")
	private List<String> recordedSteps() {
		List<Map<String, Object>> steps = (List<Map<String, Object>>) ((JavascriptExecutor) this.driver)
			.executeScript("return window.answerSteps;");
		return steps.stream().map((step) -> (String) step.get("text")).filter((text) -> !text.isEmpty()).toList();
	}

	@SuppressWarnings("unchecked")
	private List<String> recordedReasoning() {
		List<String> steps = (List<String>) ((JavascriptExecutor) this.driver)
			.executeScript("return window.reasoningSteps;");
		return steps.stream().filter((text) -> !text.isEmpty()).toList();
	}

	private static void assertGrewInSteps(List<String> texts, String expected, String description) {
		assertThat(texts).as(description).hasSizeGreaterThanOrEqualTo(2);
		for (int i = 1; i < texts.size(); i++) {
			assertThat(texts.get(i)).as(description).startsWith(texts.get(i - 1)).isNotEqualTo(texts.get(i - 1));
		}
		assertThat(texts.get(0)).as(description).isNotEqualTo(expected);
		assertThat(expected).startsWith(texts.get(0));
	}

}
