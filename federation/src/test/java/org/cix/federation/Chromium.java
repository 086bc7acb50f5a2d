package org.cix.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, headless, with a profile of its own and
 * no background connections (this machine's network has no way out). Installs both packages with
 * apt-get when they are missing and the tests run as root, as .ci/run does.
 */
final class Chromium {
  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** A browser that accepts the node's certificate (its own account CA's, which no browser trusts). */
  static ChromeDriver start(Path profile) throws Exception {
    install();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
    options.setAcceptInsecureCerts(true);
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build(), options);
  }

  private static synchronized void install() throws Exception {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new IllegalStateException("no chromium and chromedriver here: install Debian's chromium and "
          + "chromium-driver packages (apt-get install chromium chromium-driver)");
    }
    for (List<String> command : List.of(List.of("apt-get", "update", "-q"), List.of("apt-get", "install", "-y", "-q",
        "--no-install-recommends", "chromium", "chromium-driver"))) {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("cannot install chromium: " + String.join(" ", command) + " failed");
      }
    }
  }
}
