package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A worker's part of the reconnect storm: at the moment of the command every bot closes its socket, then each
 * reconnects at a random moment within {@code --jitter-ms} (a failed attempt is retried after 250–500 ms, until
 * {@code --give-up-seconds}). A bot is caught up once its sync after reconnecting is applied and it holds every
 * change of its rooms up to the cursors that sync answered (so every message stored before the drop, and any
 * since): the time from the drop to that is recorded. A bot lacking some is counted as {@code missed} instead.
 * Reports {@code caughtUp} once every bot is caught up or has given up.
 */
final class Reconnects {

  static final long ATTEMPT_SECONDS = 20;

  private final Vertx vertx;
  private final List<Bot> bots;
  private final Function<Bot, ChatTarget> targets;
  private final int watch;
  private final int jitterMillis;
  private final long giveUpNanos;
  private final Histogram caughtUp = new ConcurrentHistogram(Worker.MAX_MICROS, 3);
  private final LongAdder failedReconnects = new LongAdder();
  private final LongAdder missed = new LongAdder();
  private final LongAdder missedClients = new LongAdder();
  private final LongAdder gaveUp = new LongAdder();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong lastCaughtUp = new AtomicLong();
  private long dropped;

  Reconnects(Vertx vertx, List<Bot> bots, Function<Bot, ChatTarget> targets, Map<String, String> options) {
    this.vertx = vertx;
    this.bots = bots;
    this.targets = targets;
    this.watch = Worker.integer(options, "watch", 0);
    this.jitterMillis = Worker.integer(options, "jitter-ms", 1000);
    this.giveUpNanos = Worker.integer(options, "give-up-seconds", 60) * 1_000_000_000L;
  }

  /** Now: everyone drops, then reconnects. */
  void start() {
    dropped = System.nanoTime();
    bots.forEach(Bot::drop);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    bots.forEach(bot -> vertx.setTimer(1 + random.nextInt(Math.max(1, jitterMillis)), timer -> reconnect(bot)));
  }

  private void reconnect(Bot bot) {
    bot.connect(targets.apply(bot), watch).timeout(ATTEMPT_SECONDS, TimeUnit.SECONDS).onComplete(connected -> {
      long now = System.nanoTime();
      if (connected.succeeded()) {
        long missing = bot.missingSinceSync();
        if (missing == 0) {
          caughtUp.recordValue(Math.min(Worker.MAX_MICROS, (now - dropped) / 1000));
          lastCaughtUp.accumulateAndGet(now - dropped, Math::max);
        } else {
          missed.add(missing);
          missedClients.increment();
        }
        finished();
        return;
      }
      failedReconnects.increment();
      bot.drop();
      if (now - dropped > giveUpNanos) {
        gaveUp.increment();
        finished();
      } else {
        vertx.setTimer(250 + ThreadLocalRandom.current().nextInt(250), timer -> reconnect(bot));
      }
    });
  }

  private void finished() {
    if (done.incrementAndGet() == bots.size()) {
      JsonObject event = new JsonObject().put("event", "caughtUp");
      report(event);
      Worker.emit(event);
    }
  }

  /** What the storm measured here, histograms encoded for the parent to merge. */
  void report(JsonObject into) {
    into.put("caughtUp", Fleet.encode(caughtUp)).put("caughtUpClients", caughtUp.getTotalCount())
      .put("allCaughtUpMicros", lastCaughtUp.get() / 1000).put("missed", missed.sum())
      .put("missedClients", missedClients.sum()).put("failedReconnects", failedReconnects.sum()).put("gaveUp", gaveUp.sum());
  }
}
