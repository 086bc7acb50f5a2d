package org.cix.cli.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's chromium, headless, opening a local file: what it logged from the page's console
 * (which includes every load a Content-Security-Policy blocked) and a screenshot. Installs the
 * package with apt-get when it is missing and the tests run as root, as .ci/run does.
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  /** What the browser did with the page. */
  record Opened(List<String> console, BufferedImage screenshot) {
    /** Distinct colours in the screenshot: a blank page has one. */
    int colours() {
      Set<Integer> seen = new HashSet<>();
      for (int y = 0; y < screenshot.getHeight(); y += 2) {
        for (int x = 0; x < screenshot.getWidth(); x += 2) {
          seen.add(screenshot.getRGB(x, y));
        }
      }
      return seen.size();
    }
  }

  static Opened open(Path page, Path work) throws IOException, InterruptedException {
    Path binary = binary();
    Path shot = work.resolve("screenshot.png");
    Path log = work.resolve("chromium.log");
    Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + work.resolve("profile"), "--window-size=1200,2400", "--screenshot=" + shot,
        page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s; its log: " + Files.readString(log));
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    if (!Files.exists(shot)) {
      throw new IOException("chromium wrote no screenshot (exit " + process.exitValue() + "); its log: "
          + Files.readString(log));
    }
    return new Opened(console, ImageIO.read(shot.toFile()));
  }

  private static Path binary() throws IOException, InterruptedException {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new IllegalStateException("no chromium here: install Debian's chromium package (apt-get install chromium)");
    }
    for (List<String> command : List.of(List.of("apt-get", "update", "-q"),
        List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"))) {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("cannot install chromium: " + String.join(" ", command) + " failed");
      }
    }
    return Path.of("/usr/bin/chromium");
  }
}
