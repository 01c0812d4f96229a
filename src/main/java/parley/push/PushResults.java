package parley.push;

import io.micrometer.core.instrument.Counter;
import parley.metrics.ParleyMetrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code parley.push.deliveries}: what became of each delivery, by provider and result. */
final class PushResults {

  private static final List<String> PROVIDERS = List.of("webpush", "expo");
  private final Map<String, Counter> counters = new HashMap<>();

  PushResults(ParleyMetrics metrics) {
    for (String provider : PROVIDERS) {
      for (String result : List.of("sent", "retry", "gone", "failed")) {
        counters.put(provider + "/" + result, metrics.pushDeliveries(provider, result));
      }
    }
  }

  void count(String provider, PushOutcome outcome) {
    String result = outcome instanceof PushOutcome.Sent ? "sent"
      : outcome instanceof PushOutcome.Retry ? "retry"
      : outcome instanceof PushOutcome.Gone ? "gone"
      : "failed";
    Counter counter = counters.get(provider + "/" + result);
    if (counter != null) {
      counter.increment();
    }
  }
}
