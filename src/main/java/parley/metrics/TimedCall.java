package parley.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One kind of asynchronous call, timed until its future completes: a timer per {@code outcome} ({@code ok} or
 * {@code failed}), whose counts are also the calls and the failures. Its histogram buckets ({@link #BUCKETS}, up to
 * the slowest expected) let a dashboard show percentiles over several nodes.
 */
public final class TimedCall {

  /** Few enough that a timer per operation stays a few lines of the scrape. */
  static final Duration[] BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
    .map(Duration::ofMillis).toArray(Duration[]::new);

  private final boolean enabled;
  private final Timer ok;
  private final Timer failed;

  private TimedCall(boolean enabled, Timer ok, Timer failed) {
    this.enabled = enabled;
    this.ok = ok;
    this.failed = failed;
  }

  /** {@code enabled} false: the registry hands out no-ops, and {@link #around} leaves handlers as they are. */
  static TimedCall of(MeterRegistry registry, boolean enabled, String name, String description, String tag, String value,
                      Duration slowest) {
    Function<String, Timer> timer = outcome -> {
      Timer.Builder builder = Timer.builder(name).description(description).tag("outcome", outcome)
        .serviceLevelObjectives(Stream.of(BUCKETS).filter(bucket -> bucket.compareTo(slowest) <= 0).toArray(Duration[]::new));
      return (tag == null ? builder : builder.tag(tag, value)).register(registry);
    };
    return new TimedCall(enabled, timer.apply("ok"), timer.apply("failed"));
  }

  /** Runs {@code call}, timing it; a call that throws counts as failed. */
  public <T> Future<T> time(Supplier<Future<T>> call) {
    long start = System.nanoTime();
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      record(false, start);
      throw e;
    }
    result.onComplete(done -> record(done.succeeded(), start));
    return result;
  }

  /** {@code handler} timed; with metrics off, {@code handler} itself, so that it costs nothing. */
  public <M> Function<M, Future<?>> around(Function<M, Future<?>> handler) {
    if (!enabled) {
      return handler;
    }
    return message -> {
      long start = System.nanoTime();
      Future<?> result;
      try {
        result = handler.apply(message);
      } catch (RuntimeException e) {
        record(false, start);
        throw e;
      }
      result.onComplete(done -> record(done.succeeded(), start));
      return result;
    };
  }

  private void record(boolean succeeded, long start) {
    (succeeded ? ok : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
