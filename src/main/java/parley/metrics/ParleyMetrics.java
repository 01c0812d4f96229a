package parley.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.micrometer.impl.MicrometerMetrics;
import parley.service.NodeLocal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Parley's own meters, one set per Vert.x, shared by every verticle. Features take theirs once, as they start; with
 * metrics off every meter here is a no-op (and {@link #enabled()} false, for the few places that then skip even the
 * wrapping), so the send path pays nothing for them. Labels are fixed words, never ids.
 */
public final class ParleyMetrics implements Shareable {

  /** A registry that refuses every meter: what it hands out are Micrometer's no-op meters. */
  private static final ParleyMetrics OFF = new ParleyMetrics(refusingAll(), false);

  private final MeterRegistry registry;
  private final boolean enabled;
  private final Counter messagesPersisted;
  private final TimedCall chatSend;
  private final DistributionSummary groupCommitBatches;
  private final Counter roomDeliveries;
  private final Counter directDeliveries;
  private final Counter presenceDeliveries;
  private final AtomicLong bridgeConnections = new AtomicLong();
  private final AtomicLong bridgeRooms = new AtomicLong();
  private final Counter uploadBytes;

  private ParleyMetrics(MeterRegistry registry, boolean enabled) {
    this.registry = registry;
    this.enabled = enabled;
    messagesPersisted = Counter.builder("parley.messages.persisted")
      .description("Messages stored (sent, posted by a command); a repeated clientMsgId is not counted again")
      .register(registry);
    chatSend = TimedCall.of(registry, enabled, "parley.chat.send", "Time from a chat.send request to its answer", null, null,
      Duration.ofSeconds(10));
    groupCommitBatches = DistributionSummary.builder("parley.groupcommit.batch.size")
      .description("Messages written by one group-commit transaction")
      .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100)
      .register(registry);
    roomDeliveries = deliveries("room");
    directDeliveries = deliveries("direct");
    presenceDeliveries = deliveries("presence");
    Gauge.builder("parley.bridge.connections", bridgeConnections, AtomicLong::get)
      .description("Bridge connections open on this node").strongReference(true).register(registry);
    Gauge.builder("parley.bridge.rooms", bridgeRooms, AtomicLong::get)
      .description("Rooms whose events this node's bridge receives (once per HTTP instance that has a socket in the room)")
      .strongReference(true).register(registry);
    uploadBytes = Counter.builder("parley.upload.bytes").baseUnit("bytes")
      .description("Bytes of files uploaded and stored").register(registry);
  }

  /** This Vert.x's meters: Parley's own when it was created with metrics on ({@link MetricsSetup}), else no-ops. */
  public static ParleyMetrics of(Vertx vertx) {
    MeterRegistry registry = registryOf(vertx);
    if (registry == null) {
      return OFF;
    }
    return NodeLocal.of(vertx, "metrics", () -> new ParleyMetrics(registry, true));
  }

  /**
   * The Micrometer registry Vert.x reports to, or null without one. Vert.x offers no public way from an instance to
   * its registry (each has one of its own, see {@link MetricsSetup}); its metrics object knows it.
   */
  static MeterRegistry registryOf(Vertx vertx) {
    return vertx instanceof MetricsProvider provider && provider.getMetrics() instanceof MicrometerMetrics micrometer
      ? micrometer.registry() : null;
  }

  private static MeterRegistry refusingAll() {
    MeterRegistry refusing = new SimpleMeterRegistry();
    refusing.config().meterFilter(MeterFilter.deny());
    return refusing;
  }

  private Counter deliveries(String source) {
    return Counter.builder("parley.bridge.deliveries").tag("source", source)
      .description("Frames the bridge wrote to sockets: room events (room), user and tenant events and answers (direct), presence changes (presence)")
      .register(registry);
  }

  public boolean enabled() {
    return enabled;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public Counter messagesPersisted() {
    return messagesPersisted;
  }

  public TimedCall chatSend() {
    return chatSend;
  }

  public DistributionSummary groupCommitBatches() {
    return groupCommitBatches;
  }

  public Counter roomDeliveries() {
    return roomDeliveries;
  }

  public Counter directDeliveries() {
    return directDeliveries;
  }

  public Counter presenceDeliveries() {
    return presenceDeliveries;
  }

  public void bridgeConnectionOpened() {
    if (enabled) {
      bridgeConnections.incrementAndGet();
    }
  }

  public void bridgeConnectionClosed() {
    if (enabled) {
      bridgeConnections.decrementAndGet();
    }
  }

  public void bridgeRoomAdded() {
    if (enabled) {
      bridgeRooms.incrementAndGet();
    }
  }

  public void bridgeRoomRemoved() {
    if (enabled) {
      bridgeRooms.decrementAndGet();
    }
  }

  public Counter uploadBytes() {
    return uploadBytes;
  }

  /**
   * Requests refused by a limit of this {@code kind}: a rate limiter's name ({@code send}, {@code auth},
   * {@code conversation}, …), {@code login} for a locked account, {@code connections} for the per-person cap.
   */
  public Counter rateLimitRefusals(String kind) {
    return Counter.builder("parley.ratelimit.refusals").tag("kind", kind)
      .description("Requests refused by a rate limit, a login lock or the connection cap").register(registry);
  }

  /** Calls to the presence store of one kind ({@code touch}, {@code snapshot}, …): latency and failures. */
  public TimedCall presenceStore(String operation) {
    return TimedCall.of(registry, enabled, "parley.presence.store", "Presence store (memory or Redis) calls", "operation", operation,
      Duration.ofSeconds(5));
  }

  /** Push deliveries by provider ({@code webpush}, {@code expo}) and result ({@code sent}, {@code retry}, {@code gone}, {@code failed}). */
  public Counter pushDeliveries(String provider, String result) {
    return Counter.builder("parley.push.deliveries").tag("provider", provider).tag("result", result)
      .description("Push deliveries attempted, by what became of them").register(registry);
  }

  /** A gauge of the push outbox's rows in {@code state}, read from {@code state}'s holder. */
  public <T> void pushOutbox(String state, T holder, ToDoubleFunction<T> rows) {
    Gauge.builder("parley.push.outbox", holder, rows).tag("state", state).strongReference(true)
      .description("Push outbox rows by state, as last counted (every 15 s)").register(registry);
  }
}
