package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Open-loop chat: {@code rate} messages a second in all, round the rooms and round each room's members, each due at
 * its own moment of the schedule whatever the replies do; every member of the room receives it (its sender too).
 * Warm-up first, then the measured window, then a wait for what is still on its way.
 */
final class SteadyChat implements ChatDriver {

  private static final long TICK_MS = 2;
  private static final long DRAIN_NANOS = 15_000_000_000L;

  private final Vertx vertx;
  private final Population population;
  private final ServerProbe probe;
  private final String databaseUrl;
  private final ServerProbe generator = new ServerProbe(ProcessHandle.current().pid());
  private final Map<String, List<ChatConnection>> byRoom = new HashMap<>();
  /** Each connection's view of its room's order, over every run on this population. */
  private final Measurements order = new Measurements();
  private final List<Measurements.RoomView> views = new ArrayList<>();
  /** The latest run's, made afresh for each. */
  private volatile Measurements measured = new Measurements();

  /** {@code databaseUrl}: the server's database, whose backends' CPU each run reports; null when unknown. */
  SteadyChat(Vertx vertx, Population population, ServerProbe probe, String databaseUrl) {
    this.databaseUrl = databaseUrl;
    this.vertx = vertx;
    this.population = population;
    this.probe = probe;
    for (Population.Member member : population.members) {
      byRoom.computeIfAbsent(member.roomId(), id -> new ArrayList<>()).add(member.connection());
      Measurements.RoomView view = order.new RoomView();
      views.add(view);
      member.connection().listen((roomId, seq, content) -> {
        long now = System.nanoTime();
        view.arrived(seq);
        measured.delivered(Long.parseLong(content.substring(1, content.indexOf('x'))), now);
      });
    }
  }

  /** Blocking: runs the schedule on the event loops and watches from this thread. */
  @Override
  public JsonObject run(int rate, int warmupSeconds, int seconds, String profile) throws InterruptedException {
    Measurements measured = new Measurements();
    this.measured = measured;
    long start = System.nanoTime() + 200_000_000L;
    long total = (long) rate * (warmupSeconds + seconds);
    measured.windowStart = start + warmupSeconds * 1_000_000_000L;
    measured.windowEnd = measured.windowStart + seconds * 1_000_000_000L;
    long[] next = {0};
    List<String> rooms = population.roomIds;
    long timer = vertx.setPeriodic(TICK_MS, tick -> {
      long elapsed = System.nanoTime() - start;
      // Message k is due at start + k / rate: by now, those numbered up to elapsed * rate are, the first at start.
      long due = elapsed < 0 ? 0 : Math.min(total, elapsed * rate / 1_000_000_000L + 1);
      for (; next[0] < due; next[0]++) {
        long k = next[0];
        long dueAt = start + k * 1_000_000_000L / rate;
        String roomId = rooms.get((int) (k % rooms.size()));
        List<ChatConnection> members = byRoom.get(roomId);
        ChatConnection sender = members.get((int) ((k / rooms.size()) % members.size()));
        measured.sent.increment();
        sender.send(roomId, "t" + dueAt + "x" + k).onComplete(answer -> {
          if (answer.succeeded()) {
            measured.acknowledged(dueAt, System.nanoTime());
          } else {
            measured.refused.increment();
          }
        });
      }
    });
    long heartbeat = vertx.setPeriodic(30_000, tick -> population.members.forEach(member -> member.connection().heartbeat()));

    sleepUntil(measured.windowStart);
    MeasuredWindow window = MeasuredWindow.start(vertx, probe, List.of(generator), databaseUrl, profile, seconds);
    sleepUntil(measured.windowEnd);
    MeasuredWindow.Spent spent = window.end();
    long drainUntil = System.nanoTime() + DRAIN_NANOS;
    int perRoom = population.members.size() / rooms.size();
    while (System.nanoTime() < drainUntil && (measured.acked.sum() + measured.refused.sum() < total
      || measured.delivered.sum() < measured.acked.sum() * perRoom)) {
      Thread.sleep(100);
    }
    vertx.cancelTimer(timer);
    vertx.cancelTimer(heartbeat);
    order.gaps.reset();
    views.forEach(view -> order.gaps.add(view.missing()));
    return report(measured, rate, seconds, perRoom)
      .mergeIn(spent.toJson(measured.ackedInWindow.sum(), measured.deliveredInWindow.sum()));
  }

  /** Loss is this run's; gaps, duplicates and reordering count every run so far on this population. */
  private JsonObject report(Measurements measured, int rate, int seconds, int perRoom) {
    long expected = measured.acked.sum() * perRoom;
    return new JsonObject()
      .put("offeredPerSecond", rate).put("seconds", seconds)
      .put("persistedPerSecond", Math.round(measured.ackedInWindow.sum() / (double) seconds))
      .put("deliveredPerSecond", Math.round(measured.deliveredInWindow.sum() / (double) seconds))
      .put("delivery", Measurements.percentiles(measured.delivery))
      .put("worstDeliveryBySecond", measured.worstBySecond())
      .put("ack", Measurements.percentiles(measured.ack))
      .put("sent", measured.sent.sum()).put("acked", measured.acked.sum()).put("refused", measured.refused.sum())
      .put("lost", Math.max(0, expected - measured.delivered.sum())).put("gaps", order.gaps.sum())
      .put("duplicates", order.duplicates.sum()).put("reordered", order.reordered.sum());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }
}
