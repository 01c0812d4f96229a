package parley.loadgen;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code Summary <results.jsonl>}: the median of each figure over the runs in the file (one JSON object a line, as
 * LoadGen prints them), as a markdown table row, for docs/benchmarks.md.
 */
public final class Summary {

  private Summary() {
  }

  public static void main(String[] args) throws Exception {
    List<JsonObject> runs = Files.readAllLines(Path.of(args[0])).stream().filter(line -> line.startsWith("{"))
      .map(JsonObject::new).toList();
    if (runs.isEmpty()) {
      System.err.println("no results in " + args[0]);
      System.exit(1);
    }
    switch (runs.get(0).getString("scenario", "steady")) {
      case "idle" -> idle(runs);
      case "storm" -> storm(runs);
      default -> steady(runs);
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

  private static void steady(List<JsonObject> runs) {
    System.out.println("| runs | offered msg/s | persisted msg/s | delivered/s | delivery p50 / p90 / p99 / p99.9 / max (ms) "
      + "| ack p50 / p99 (ms) | lost / gaps / duplicates | server CPU s per 1,000 deliveries / per 1,000 messages | GC s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %s | %s | %s | %s / %s / %s / %s / %s | %s / %s | %s / %s / %s | %s / %s | %s |%n", runs.size(),
      median(runs, r -> r.getValue("offeredPerSecond")), median(runs, r -> r.getValue("persistedPerSecond")),
      median(runs, r -> r.getValue("deliveredPerSecond")),
      median(runs, r -> r.getJsonObject("delivery").getValue("p50")), median(runs, r -> r.getJsonObject("delivery").getValue("p90")),
      median(runs, r -> r.getJsonObject("delivery").getValue("p99")), median(runs, r -> r.getJsonObject("delivery").getValue("p999")),
      median(runs, r -> r.getJsonObject("delivery").getValue("max")),
      median(runs, r -> r.getJsonObject("ack").getValue("p50")), median(runs, r -> r.getJsonObject("ack").getValue("p99")),
      max(runs, r -> r.getValue("lost")), max(runs, r -> r.getValue("gaps")), max(runs, r -> r.getValue("duplicates")),
      median(runs, r -> r.getValue("serverCpuPer1000Deliveries")), median(runs, r -> r.getValue("serverCpuPer1000Messages")),
      median(runs, r -> r.getValue("gcSeconds")));
  }

  private static String median(List<JsonObject> runs, Function<JsonObject, Object> figure) {
    double[] values = runs.stream().map(figure).filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
      .sorted().toArray();
    if (values.length == 0) {
      return "–";
    }
    double median = values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    return format(median);
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
