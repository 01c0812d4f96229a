package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reconnect storm (issue 9, scenario 6): {@code --people} people (10,000) in {@code --rooms-per-person} rooms (5)
 * of about {@code --members} (50), connected from {@code --processes} workers and caught up. Throughout, the rooms'
 * owner, who never drops, posts {@code --rate} messages a second (20) round the rooms on an open-loop schedule, and
 * the time from each one's due moment to its acknowledgement tells whether the server keeps answering others. After
 * {@code --warmup} seconds (10) everyone drops at one moment and reconnects within {@code --jitter-ms} (1,000), see
 * {@link Reconnects}. Once all are back, the owner posts for 3 s more; then every bot checks that it holds every
 * message the owner had acknowledged in its rooms ({@code lost}).
 */
final class ReconnectStorm {

  private static final long TICK_MS = 5;

  private final Vertx vertx;
  private final ChatTarget target;
  private final ServerProbe probe;
  private final Map<String, String> options;
  private final Histogram calm = new ConcurrentHistogram(Worker.MAX_MICROS, 3);
  private final Histogram storm = new ConcurrentHistogram(Worker.MAX_MICROS, 3);
  private final Map<String, Long> lastSeqs = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile long stormFrom = Long.MAX_VALUE;
  private volatile long stormUntil = Long.MAX_VALUE;

  ReconnectStorm(Vertx vertx, ChatTarget target, ServerProbe probe, Map<String, String> options) {
    this.vertx = vertx;
    this.target = target;
    this.probe = probe;
    this.options = options;
  }

  JsonObject run(String run) throws Exception {
    int people = Worker.integer(options, "people", 10_000);
    int processes = Worker.integer(options, "processes", Math.max(2, (people + 7999) / 8000));
    int rate = Worker.integer(options, "rate", 20);
    Population.Made made = Population.register(target, run, people, options);

    try (Fleet fleet = Fleet.start("storm", processes, made.people(), IdleCapacity.addresses(options), options)) {
      fleet.await("loaded", 120);
      fleet.tell(new JsonObject().put("command", "connect").put("at", Fleet.inMillis(500)));
      List<JsonObject> connected = fleet.await("connected", 900);
      long connections = Fleet.sum(connected, "connections");
      Log.say("%d connected; the owner posts %d messages a second", connections, rate);

      BridgeConnection owner = (BridgeConnection) target.connect(made.owner()).await();
      long timer = post(owner, made.roomIds(), rate);
      Thread.sleep(Worker.integer(options, "warmup", 10) * 1000L);

      long dropAt = Fleet.inMillis(1000);
      stormFrom = System.nanoTime() + (dropAt - System.currentTimeMillis()) * 1_000_000;
      fleet.tell(new JsonObject().put("command", "drop").put("at", dropAt));
      Worker.sleepUntil(dropAt);
      double cpuBefore = probe.cpuSeconds();
      long[] machineBefore = ServerProbe.machineTicks();
      Log.say("everyone drops now");
      List<JsonObject> caught = fleet.await("caughtUp", Worker.integer(options, "give-up-seconds", 60) + 60L);
      stormUntil = System.nanoTime();
      double stormCpu = probe.cpuSeconds() - cpuBefore;
      double machineBusy = ServerProbe.busyPercent(machineBefore, ServerProbe.machineTicks());
      Log.say("everyone is back after %.1f s", (stormUntil - stormFrom) / 1e9);

      Thread.sleep(3000);
      vertx.cancelTimer(timer);
      long drainUntil = System.nanoTime() + 10_000_000_000L;
      while (acked.sum() + refused.sum() < sent.sum() && System.nanoTime() < drainUntil) {
        Thread.sleep(50);
      }
      Thread.sleep(1000);
      fleet.tell(new JsonObject().put("command", "finish").put("lastSeqs", new JsonObject(Map.copyOf(lastSeqs))));
      List<JsonObject> results = fleet.await("result", 120);
      owner.close();

      Histogram caughtUp = Fleet.merged(caught, "caughtUp", Worker.MAX_MICROS);
      long caughtUpClients = Fleet.sum(caught, "caughtUpClients");
      return new JsonObject()
        .put("caughtUp", Measurements.percentiles(caughtUp))
        .put("allCaughtUpSeconds", caughtUpClients < connections ? null
          : IdleCapacity.round(caught.stream().mapToLong(event -> event.getLong("allCaughtUpMicros")).max().orElse(0) / 1e6))
        .put("missed", Fleet.sum(caught, "missed")).put("missedClients", Fleet.sum(caught, "missedClients"))
        .put("lost", Fleet.sum(results, "lost"))
        .put("others", Measurements.percentiles(storm)).put("othersCalm", Measurements.percentiles(calm))
        .put("clients", connections).put("caughtUpClients", caughtUpClients)
        .put("failedReconnects", Fleet.sum(caught, "failedReconnects")).put("gaveUp", Fleet.sum(caught, "gaveUp"))
        .put("stormSeconds", IdleCapacity.round((stormUntil - stormFrom) / 1e9))
        .put("serverCpuSecondsInStorm", IdleCapacity.round(stormCpu))
        .put("machineBusyPercentInStorm", machineBusy)
        .put("people", people).put("rooms", made.roomIds().size())
        .put("roomsPerPerson", made.people().get(0).roomIds().size()).put("processes", processes)
        .put("setupSeconds", IdleCapacity.round(made.seconds()))
        .put("initialConnect", Measurements.percentiles(Fleet.merged(connected, "connect", Worker.MAX_MICROS)))
        .put("failedConnects", Fleet.sum(connected, "failedConnects"))
        .put("ownerSent", sent.sum()).put("ownerAcked", acked.sum()).put("ownerRefused", refused.sum())
        .put("unaskedCloses", Fleet.sum(results, "unaskedCloses"));
    }
  }

  /**
   * Message {@code k} is due at {@code start + k / rate} and goes to room {@code k mod rooms}; its acknowledgement is
   * timed from that moment, in the storm's histogram if it was due between the drop and everyone being back.
   */
  private long post(BridgeConnection owner, List<String> rooms, int rate) {
    long start = System.nanoTime();
    long[] next = {0};
    return vertx.setPeriodic(TICK_MS, tick -> {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      for (; next[0] < due; next[0]++) {
        long k = next[0];
        long dueAt = start + k * 1_000_000_000L / rate;
        String room = rooms.get((int) (k % rooms.size()));
        sent.increment();
        owner.request("chat.send", new JsonObject().put("roomId", room).put("content", "s" + k)).onComplete(answer -> {
          long now = System.nanoTime();
          if (answer.failed()) {
            refused.increment();
            return;
          }
          acked.increment();
          lastSeqs.merge(room, answer.result().getJsonObject("message").getLong("seq"), Math::max);
          (dueAt >= stormFrom && dueAt < stormUntil ? storm : calm).recordValue(Math.min(Worker.MAX_MICROS, (now - dueAt) / 1000));
        });
      }
    });
  }
}
