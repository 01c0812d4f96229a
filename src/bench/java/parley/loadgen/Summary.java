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
    if ("history".equals(runs.get(0).getString("scenario"))) {
      history(runs);
      return;
    }
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
