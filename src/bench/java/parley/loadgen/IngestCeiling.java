package parley.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Scenario 4: steady chat in steps of a rising rate on one population (many small rooms), until the delivery p99
 * passes the limit, the server stops keeping up (fewer persisted than offered) or anything is lost. The ceiling is
 * the persisted rate of the last step that held.
 */
final class IngestCeiling {

  private final ChatDriver chat;

  IngestCeiling(ChatDriver chat) {
    this.chat = chat;
  }

  /** {@code factor}: each step's rate over the one before it. */
  JsonObject run(int fromRate, int toRate, double factor, int warmupSeconds, int seconds, double p99LimitMs)
    throws Exception {
    JsonArray steps = new JsonArray();
    JsonObject ceiling = null;
    String stoppedBy = "the last step (" + toRate + " msg/s) held";
    for (int rate = fromRate; rate <= toRate; rate = (int) Math.ceil(rate * factor)) {
      // The first step also warms the server's JIT up.
      JsonObject step = chat.run(rate, steps.isEmpty() ? 3 * warmupSeconds : warmupSeconds, seconds, null);
      steps.add(step);
      double p99 = step.getJsonObject("delivery").getDouble("p99");
      Log.say("%d msg/s offered: %d persisted, delivery p99 %.1f ms", rate, step.getLong("persistedPerSecond"), p99);
      String failed = step.getLong("lost") > 0 || step.getLong("gaps") > 0 || step.getLong("duplicates") > 0 ? "loss"
        : step.getLong("refused") > 0 ? "refusals"
        : p99 > p99LimitMs ? "p99 over " + p99LimitMs + " ms at " + rate + " msg/s"
        : step.getLong("persistedPerSecond") < rate * 0.95 ? "persisted below 95 % of the offered " + rate + " msg/s"
        : null;
      if (failed != null) {
        stoppedBy = failed;
        break;
      }
      ceiling = step;
    }
    JsonObject result = new JsonObject().put("stoppedBy", stoppedBy).put("steps", steps)
      .put("p99LimitMs", p99LimitMs);
    if (ceiling != null) {
      // The step that held stands for the run, so the summary and the plot read it like any other.
      result.mergeIn(ceiling.copy()).put("ceilingPersistedPerSecond", ceiling.getLong("persistedPerSecond"));
    } else {
      result.put("ceilingPersistedPerSecond", 0);
    }
    return result;
  }
}
