package parley.metrics;

import io.vertx.core.metrics.MetricsOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.UUID;

/**
 * The metrics options Vert.x is created with: Prometheus, the stock meters (HTTP, event bus, pools, JVM, GC), and
 * labels that stay few. Event-bus addresses are labels, but those naming a room, a person, a tenant or a socket are
 * folded into one value each, as are the HTTP client pools' peers, so the number of series does not grow with the
 * users.
 */
public final class MetricsSetup {

  /** Label values that carry an id or a peer's address, and the one value each family becomes: {label, regex, value}. */
  private static final String[][] FOLDED = {
    {"address", "room\\..*", "room.*"},
    {"address", "user\\..*", "user.*"},
    {"address", "tenant\\..*", "tenant.*"},
    {"address", "parley\\.socket\\..*", "parley.socket.*"},
    // Whatever else names something by number (none today): one value rather than one series per id.
    {"address", ".*[0-9].*", "other"},
    // HTTP client pools are named host:port, and Web Push endpoints are on hosts the subscribers choose.
    {"pool_name", ".*:[0-9]+", "remote"},
  };

  private MetricsSetup() {
  }

  /** Off: Vert.x's own default, which costs nothing. */
  public static MetricsOptions options(boolean enabled) {
    if (!enabled) {
      return new MetricsOptions();
    }
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
      .setEnabled(true)
      // One registry per Vert.x: closing one (a test's, a cluster node's in the same JVM) must not close another's.
      .setRegistryName("parley-" + UUID.randomUUID())
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setJvmMetricsEnabled(true)
      .addLabels(Label.EB_ADDRESS);
    for (String[] folded : FOLDED) {
      options.addLabelMatch(new Match().setLabel(folded[0]).setType(MatchType.REGEX).setValue(folded[1]).setAlias(folded[2]));
    }
    return options;
  }
}
