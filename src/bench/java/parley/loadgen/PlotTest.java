package parley.loadgen;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("Plot: a panel per scenario of the median run per target and offered rate")
class PlotTest {

  private static JsonObject run(String scenario, String target, int rate, String metric, double p50, double p999) {
    JsonObject run = new JsonObject().put("scenario", scenario).put("offeredPerSecond", rate)
      .put(metric, new JsonObject().put("p50", p50).put("p90", p50 * 2).put("p99", p50 * 4).put("p999", p999).put("max", 999));
    return target == null ? run : run.put("target", target);
  }

  @Test
  @DisplayName("takes each percentile's median over a group's runs on its own, the mean of the middle two for an even count")
  void medians() {
    List<PlotPanel> panels = Plot.panels(List.of(run("steady", "Parley at http://127.0.0.1:18080", 1000, "delivery", 3, 10),
      run("steady", null, 1000, "delivery", 1, 30), run("steady", "parley", 1000, "delivery", 2, 20),
      run("steady", "reference", 1000, "delivery", 5, 50), run("steady", "reference", 1000, "delivery", 7, 40)));
    List<PlotPanel.Group> groups = panels.get(0).groups();
    assertEquals(List.of("parley", "reference"), groups.stream().map(PlotPanel.Group::target).toList());
    assertEquals(3, groups.get(0).runs());
    assertArrayEquals(new double[] {2, 4, 8, 20}, groups.get(0).medians());
    assertArrayEquals(new double[] {6, 12, 24, 45}, groups.get(1).medians());
  }

  @Test
  @DisplayName("plots delivery, else latency, else caughtUp, scenarios in the order they were written and rates rising")
  void headlines() {
    List<PlotPanel> panels = Plot.panels(List.of(run("storm", null, 10, "caughtUp", 900, 2000),
      run("history", null, 200, "latency", 4, 9), run("history", null, 50, "latency", 3, 8),
      new JsonObject().put("scenario", "idle").put("connections", 10000),
      run("steady", null, 1000, "ack", 1, 2).put("delivery", new JsonObject().put("p50", 2))));
    assertEquals(List.of("steady", "history", "storm"), panels.stream().map(PlotPanel::scenario).toList());
    assertEquals(List.of("delivery", "latency", "caughtUp"), panels.stream().map(PlotPanel::metric).toList());
    assertEquals(List.of(50.0, 200.0), panels.get(1).groups().stream().map(PlotPanel.Group::rate).toList());
  }
}
