package parley.loadgen;

import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code Plot [--date 2026-11-22] [--commit abc1234] <out.png> <results.jsonl>...}: one PNG for docs/benchmarks.md
 * with a panel per scenario showing its headline latency (the first of {@code delivery}, {@code latency},
 * {@code caughtUp} its runs report) at p50, p90, p99 and p99.9 for each target and offered rate; each bar is the
 * median over that group's runs, by Summary's rule. The date defaults to the newest results file's, the commit to
 * {@code git rev-parse --short HEAD}. scripts/bench plot runs it.
 */
public final class Plot {

  static final List<String> HEADLINES = List.of("delivery", "latency", "caughtUp");
  private static final List<String> SCENARIOS = List.of("steady", "hotroom", "ingest", "history", "idle", "storm", "compare");
  private static final int WIDTH = 1200;
  private static final int ROW_HEIGHT = 400;
  private static final int HEADER = 44;

  private Plot() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    int first = 0;
    while (first + 1 < args.length && args[first].startsWith("--")) {
      options.put(args[first].substring(2), args[first + 1]);
      first += 2;
    }
    if (args.length - first < 2) {
      System.err.println("usage: Plot [--date yyyy-mm-dd] [--commit hash] <out.png> <results.jsonl>...");
      System.exit(2);
    }
    Path out = Path.of(args[first]);
    List<Path> files = Arrays.stream(args, first + 1, args.length).map(Path::of).toList();
    List<JsonObject> runs = new ArrayList<>();
    for (Path file : files) {
      runs.addAll(Summary.runs(file));
    }
    List<PlotPanel> panels = panels(runs);
    if (panels.isEmpty()) {
      System.err.println("no latency results in " + files);
      System.exit(1);
    }
    String caption = options.getOrDefault("date", newest(files)) + " · commit " + options.getOrDefault("commit", commit());
    ImageIO.write(draw(panels, caption), "png", out.toFile());
    System.err.println("plot: " + out);
  }

  /** One panel per scenario that reports a headline latency, in the order the scenarios were written. */
  static List<PlotPanel> panels(List<JsonObject> runs) {
    Map<String, List<JsonObject>> byScenario = runs.stream()
      .collect(Collectors.groupingBy(run -> run.getString("scenario", "?"), LinkedHashMap::new, Collectors.toList()));
    return byScenario.entrySet().stream()
      .sorted(Comparator.comparing((Map.Entry<String, List<JsonObject>> e) -> order(SCENARIOS, e.getKey()))
        .thenComparing(Map.Entry::getKey))
      .map(e -> panel(e.getKey(), e.getValue())).flatMap(Optional::stream).toList();
  }

  private static Optional<PlotPanel> panel(String scenario, List<JsonObject> runs) {
    return HEADLINES.stream().filter(key -> runs.stream().anyMatch(run -> run.getValue(key) instanceof JsonObject)).findFirst()
      .map(metric -> {
        Map<List<Object>, List<JsonObject>> groups = runs.stream().filter(run -> run.getValue(metric) instanceof JsonObject)
          .collect(Collectors.groupingBy(run -> Arrays.asList(target(run), rate(run)), LinkedHashMap::new, Collectors.toList()));
        List<PlotPanel.Group> bars = groups.values().stream().map(group -> group(metric, group))
          .sorted(Comparator.comparing(PlotPanel.Group::rate, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(g -> order(PlotPanel.TARGETS, g.target())).thenComparing(PlotPanel.Group::target))
          .toList();
        return new PlotPanel(scenario, metric, bars);
      });
  }

  private static PlotPanel.Group group(String metric, List<JsonObject> runs) {
    double[] medians = PlotPanel.PERCENTILES.stream()
      .mapToDouble(key -> Summary.medianOf(runs, run -> run.getJsonObject(metric).getValue(key)).orElse(Double.NaN))
      .toArray();
    return new PlotPanel.Group(target(runs.get(0)), rate(runs.get(0)), runs.size(), medians);
  }

  /** "parley" or "reference" as the runs name them (LoadGen has printed "Parley at http://…"); absent is Parley. */
  static String target(JsonObject run) {
    String target = Objects.requireNonNullElse(run.getString("target"), "parley").trim().toLowerCase(Locale.ROOT);
    return PlotPanel.TARGETS.stream().filter(target::startsWith).findFirst().orElse(target);
  }

  private static Double rate(JsonObject run) {
    return run.getValue("offeredPerSecond") instanceof Number rate ? rate.doubleValue() : null;
  }

  private static int order(List<String> known, String name) {
    int index = known.indexOf(name);
    return index < 0 ? known.size() : index;
  }

  private static BufferedImage draw(List<PlotPanel> panels, String caption) {
    int rows = (panels.size() + 1) / 2;
    BufferedImage image = new BufferedImage(WIDTH, HEADER + rows * ROW_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(PlotPanel.INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString("Parley load generator: latency percentiles per scenario", 20, 29);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(PlotPanel.MUTED);
    g.drawString(caption, WIDTH - 20 - g.getFontMetrics().stringWidth(caption), 29);
    g.setColor(PlotPanel.RULE);
    g.drawLine(20, HEADER - 4, WIDTH - 20, HEADER - 4);
    for (int i = 0; i < panels.size(); i++) {
      panels.get(i).draw(g, new Rectangle(i % 2 * WIDTH / 2, HEADER + i / 2 * ROW_HEIGHT, WIDTH / 2, ROW_HEIGHT));
    }
    g.dispose();
    return image;
  }

  private static String newest(List<Path> files) throws IOException {
    long newest = 0;
    for (Path file : files) {
      newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
    }
    return Instant.ofEpochMilli(newest).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 && !hash.isEmpty() ? hash : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
