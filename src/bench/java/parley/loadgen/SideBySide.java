package parley.loadgen;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code scripts/bench compare} is for: Parley against the reference at each offered rate, as ratios (the
 * machines are shared and noisy, so a ratio taken in one sitting means more than either figure alone). Medians over
 * the runs; CPU in milliseconds per persisted message, the generator's own included, so that one can tell it was not
 * the bottleneck; and the highest offered rate each target held at a delivery p99 of at most 50 ms with nothing lost.
 */
final class SideBySide {

  private static final double P99_LIMIT_MS = 50;

  private SideBySide() {
  }

  static void print(List<JsonObject> runs) {
    Map<Double, Map<String, List<JsonObject>>> byRate = runs.stream().collect(Collectors.groupingBy(
      run -> ((Number) run.getValue("offeredPerSecond")).doubleValue(), TreeMap::new,
      Collectors.groupingBy(run -> run.getString("target", "parley"))));
    System.out.println("| offered msg/s | server CPU ms/msg: Parley / reference (ratio) | PostgreSQL CPU ms/msg: Parley / "
      + "reference (ratio) | delivery p99 ms: Parley / reference | generator CPU, % of a core: with Parley / with reference |");
    System.out.println("|---|---|---|---|---|");
    byRate.forEach((rate, targets) -> {
      List<JsonObject> parley = targets.getOrDefault("parley", List.of());
      List<JsonObject> reference = targets.getOrDefault("reference", List.of());
      System.out.printf("| %s | %s | %s | %s / %s | %s / %s |%n", format(rate),
        pair(parley, reference, SideBySide::serverMsPerMessage), pair(parley, reference, SideBySide::databaseMsPerMessage),
        text(median(parley, SideBySide::p99)), text(median(reference, SideBySide::p99)),
        text(median(parley, SideBySide::generatorPercent)), text(median(reference, SideBySide::generatorPercent)));
    });
    double parleyRate = heldRate(byRate, "parley");
    double referenceRate = heldRate(byRate, "reference");
    System.out.printf("%nHighest offered rate at delivery p99 <= %s ms, nothing lost: Parley %s, reference %s msg/s (ratio %s)%n",
      format(P99_LIMIT_MS), format(parleyRate), format(referenceRate),
      referenceRate == 0 ? "–" : format(parleyRate / referenceRate));
  }

  private static String pair(List<JsonObject> parley, List<JsonObject> reference, Function<JsonObject, Double> figure) {
    OptionalDouble ours = median(parley, figure);
    OptionalDouble theirs = median(reference, figure);
    String ratio = ours.isPresent() && theirs.isPresent() && theirs.getAsDouble() > 0
      ? format(ours.getAsDouble() / theirs.getAsDouble()) + "×" : "–";
    return text(ours) + " / " + text(theirs) + " (" + ratio + ")";
  }

  /** The highest rate whose median p99 is within the limit, with no run losing a message. */
  private static double heldRate(Map<Double, Map<String, List<JsonObject>>> byRate, String target) {
    double held = 0;
    for (Map.Entry<Double, Map<String, List<JsonObject>>> rate : byRate.entrySet()) {
      List<JsonObject> runs = rate.getValue().getOrDefault(target, List.of());
      OptionalDouble p99 = median(runs, SideBySide::p99);
      boolean lossless = runs.stream().allMatch(run -> run.getLong("lost", 0L) == 0);
      if (p99.isPresent() && p99.getAsDouble() <= P99_LIMIT_MS && lossless) {
        held = rate.getKey();
      }
    }
    return held;
  }

  private static Double serverMsPerMessage(JsonObject run) {
    return run.getValue("serverCpuPer1000Messages") instanceof Number n ? n.doubleValue() : null;
  }

  private static Double databaseMsPerMessage(JsonObject run) {
    return run.getValue("databaseCpuPer1000Messages") instanceof Number n ? n.doubleValue() : null;
  }

  private static Double p99(JsonObject run) {
    return run.getJsonObject("delivery") != null && run.getJsonObject("delivery").getValue("p99") instanceof Number n
      ? n.doubleValue() : null;
  }

  private static Double generatorPercent(JsonObject run) {
    return run.getValue("generatorCpuSeconds") instanceof Number cpu && run.getValue("seconds") instanceof Number seconds
      ? cpu.doubleValue() * 100 / seconds.doubleValue() : null;
  }

  private static OptionalDouble median(List<JsonObject> runs, Function<JsonObject, Double> figure) {
    return Summary.medianOf(runs, run -> figure.apply(run));
  }

  private static String text(OptionalDouble value) {
    return value.isPresent() ? format(value.getAsDouble()) : "–";
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(Math.round(value * 100) / 100.0);
  }
}
