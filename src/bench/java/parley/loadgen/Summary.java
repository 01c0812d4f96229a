package parley.loadgen;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code Summary <results.jsonl>}: the median of each figure over the runs in the file (one JSON object a line, as
 * LoadGen prints them), as a markdown table row, for docs/benchmarks.md; a row per target and offered rate when the
 * file holds several (scripts/bench compare), by rate and then in the order the targets ran.
 */
public final class Summary {

  private Summary() {
  }

  public static void main(String[] args) throws Exception {
    List<JsonObject> runs = runs(Path.of(args[0]));
    if (runs.isEmpty()) {
      System.err.println("no results in " + args[0]);
      System.exit(1);
    }
    switch (runs.get(0).getString("scenario", "steady")) {
      case "history" -> {
        history(runs);
        return;
      }
      case "idle" -> {
        idle(runs);
        return;
      }
      case "storm" -> {
        storm(runs);
        return;
      }
      default -> { }
    }
    Map<Group, List<JsonObject>> groups = runs.stream().sorted(Comparator.comparingDouble(Summary::offered))
      .collect(Collectors.groupingBy(Group::of, LinkedHashMap::new, Collectors.toList()));
    boolean several = groups.size() > 1;
    System.out.println((several ? "| target " : "") + "| runs | offered msg/s | persisted msg/s | delivered/s "
      + "| delivery p50 / p90 / p99 / p99.9 / max (ms) | ack p50 / p99 (ms) | lost / gaps / duplicates "
      + "| server CPU s per 1,000 deliveries / per 1,000 messages | GC s | server RSS per connection (KiB) |");
    System.out.println((several ? "|---" : "") + "|---|---|---|---|---|---|---|---|---|---|");
    groups.forEach((group, rows) -> System.out.println((several ? "| " + group.target() + " " : "") + row(rows)));
    if (groups.keySet().stream().map(Group::target).distinct().count() > 1) {
      System.out.println();
      SideBySide.print(runs);
    }
  }

  private static void idle(List<JsonObject> runs) {
    System.out.println("| runs | connections | connected and synced (s) | connect p50 / p99 (ms) | heap per connection (B) "
      + "| RSS per connection (B) | server CPU at rest (% of a core) | machine busy connecting / at rest (%) | setup (s) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %s | %s | %s / %s | %s | %s | %s | %s / %s | %s |%n", runs.size(), median(runs, r -> r.getValue("connections")),
      median(runs, r -> r.getValue("connectSeconds")), median(runs, r -> r.getJsonObject("connect").getValue("p50")),
      median(runs, r -> r.getJsonObject("connect").getValue("p99")), median(runs, r -> r.getValue("heapPerConnectionBytes")),
      median(runs, r -> r.getValue("rssPerConnectionBytes")), median(runs, r -> r.getValue("restCpuPercent")),
      median(runs, r -> r.getValue("machineBusyPercentConnecting")), median(runs, r -> r.getValue("machineBusyPercentAtRest")),
      median(runs, r -> r.getValue("setupSeconds")));
  }

  private static void storm(List<JsonObject> runs) {
    System.out.println("| runs | clients | caught up p50 / p90 / p99 / p99.9 / max (ms) | all caught up (s) | missed / lost "
      + "| failed reconnects | others p50 / p99 / max (ms) | others before and after p99 (ms) | server CPU s in the storm "
      + "| machine busy in the storm (%) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %s | %s / %s / %s / %s / %s | %s | %s / %s | %s | %s / %s / %s | %s | %s | %s |%n", runs.size(),
      median(runs, r -> r.getValue("clients")),
      median(runs, r -> r.getJsonObject("caughtUp").getValue("p50")), median(runs, r -> r.getJsonObject("caughtUp").getValue("p90")),
      median(runs, r -> r.getJsonObject("caughtUp").getValue("p99")), median(runs, r -> r.getJsonObject("caughtUp").getValue("p999")),
      median(runs, r -> r.getJsonObject("caughtUp").getValue("max")), median(runs, r -> r.getValue("allCaughtUpSeconds")),
      max(runs, r -> r.getValue("missed")), max(runs, r -> r.getValue("lost")), median(runs, r -> r.getValue("failedReconnects")),
      median(runs, r -> r.getJsonObject("others").getValue("p50")), median(runs, r -> r.getJsonObject("others").getValue("p99")),
      median(runs, r -> r.getJsonObject("others").getValue("max")), median(runs, r -> r.getJsonObject("othersCalm").getValue("p99")),
      median(runs, r -> r.getValue("serverCpuSecondsInStorm")), median(runs, r -> r.getValue("machineBusyPercentInStorm")));
  }

  /** Runs summarised together: one target at one offered rate. */
  private record Group(String target, Object offered) {
    static Group of(JsonObject run) {
      // An ingest run stands for the highest rate it held, so its runs go together whatever rate that was.
      return new Group(run.getString("target", "parley"),
        "ingest".equals(run.getString("scenario")) ? "ceiling" : run.getValue("offeredPerSecond"));
    }
  }

  private static double offered(JsonObject run) {
    return run.getValue("offeredPerSecond") instanceof Number rate ? rate.doubleValue() : 0;
  }

  private static String row(List<JsonObject> runs) {
    return String.format("| %d | %s | %s | %s | %s / %s / %s / %s / %s | %s / %s | %s / %s / %s | %s / %s | %s | %s |", runs.size(),
      median(runs, r -> r.getValue("offeredPerSecond")), median(runs, r -> r.getValue("persistedPerSecond")),
      median(runs, r -> r.getValue("deliveredPerSecond")),
      median(runs, r -> r.getJsonObject("delivery").getValue("p50")), median(runs, r -> r.getJsonObject("delivery").getValue("p90")),
      median(runs, r -> r.getJsonObject("delivery").getValue("p99")), median(runs, r -> r.getJsonObject("delivery").getValue("p999")),
      median(runs, r -> r.getJsonObject("delivery").getValue("max")),
      median(runs, r -> r.getJsonObject("ack").getValue("p50")), median(runs, r -> r.getJsonObject("ack").getValue("p99")),
      max(runs, r -> r.getValue("lost")), max(runs, r -> r.getValue("gaps")), max(runs, r -> r.getValue("duplicates")),
      median(runs, r -> r.getValue("serverCpuPer1000Deliveries")), median(runs, r -> r.getValue("serverCpuPer1000Messages")),
      median(runs, r -> r.getValue("gcSeconds")), median(runs, r -> kibibytes(r.getValue("rssPerConnectionBytes"))));
  }

  private static Object kibibytes(Object bytes) {
    return bytes instanceof Number number ? Math.round(number.doubleValue() / 1024 * 10) / 10.0 : null;
  }

  /** The runs in a results file: its JSON lines, skipping anything else a run may have printed. */
  static List<JsonObject> runs(Path results) throws IOException {
    return Files.readAllLines(results).stream().filter(line -> line.startsWith("{")).map(JsonObject::new).toList();
  }

  private static void history(List<JsonObject> runs) {
    System.out.println("| runs | rooms / messages | connections | requests/s | latency p50 / p90 / p99 / p99.9 / max (ms) "
      + "| non-2xx / socket errors | server CPU s per 1,000 requests | PostgreSQL CPU s per 1,000 requests |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %s / %s | %s | %s | %s / %s / %s / %s / %s | %s / %s | %s | %s |%n", runs.size(),
      median(runs, r -> r.getValue("rooms")), median(runs, r -> r.getValue("messages")), median(runs, r -> r.getValue("connections")),
      median(runs, r -> r.getValue("requestsPerSecond")),
      median(runs, r -> r.getJsonObject("latency").getValue("p50")), median(runs, r -> r.getJsonObject("latency").getValue("p90")),
      median(runs, r -> r.getJsonObject("latency").getValue("p99")), median(runs, r -> r.getJsonObject("latency").getValue("p999")),
      median(runs, r -> r.getJsonObject("latency").getValue("max")),
      max(runs, r -> r.getValue("non2xx")), max(runs, r -> r.getValue("errors")),
      median(runs, r -> r.getValue("serverCpuPer1000Requests")), median(runs, r -> r.getValue("databaseCpuPer1000Requests")));
  }

  private static String median(List<JsonObject> runs, Function<JsonObject, Object> figure) {
    OptionalDouble median = medianOf(runs, figure);
    return median.isPresent() ? format(median.getAsDouble()) : "–";
  }

  /** Over the runs that have the figure: the middle value, or the mean of the middle two for an even count. */
  static OptionalDouble medianOf(List<JsonObject> runs, Function<JsonObject, Object> figure) {
    double[] values = runs.stream().map(figure).filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
      .sorted().toArray();
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(values.length % 2 == 1 ? values[values.length / 2]
      : (values[values.length / 2 - 1] + values[values.length / 2]) / 2);
  }

  /** Loss and order problems: the worst run, since any at all fails the run. */
  private static String max(List<JsonObject> runs, Function<JsonObject, Object> figure) {
    return format(runs.stream().map(figure).filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0));
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
      : Double.toString(Math.round(value * 1000) / 1000.0);
  }
}
