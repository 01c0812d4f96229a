package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One process of a {@link Fleet}: {@code Worker <scenario> --people-file F --from A --to B [--local-addresses a,b]
 * --url U …}. It holds the bots of its slice and carries out the parent's commands, each at the wall-clock moment
 * the command names: {@code connect} (everyone, {@code --connect-parallel} at a time, then pings every
 * {@code --ping-seconds}), {@code drop} (everyone closes at once and reconnects within {@code --jitter-ms}, see
 * {@link Reconnects}) and {@code finish} (the result; with {@code lastSeqs}, what never arrived).
 */
public final class Worker {

  /** The parent's options that a worker is given in a form of its own, or not at all. */
  static final Set<String> PARENT_ONLY = Set.of("local-addresses", "local-address", "pid", "people", "processes");
  static final long MAX_MICROS = 120_000_000;

  private final Vertx vertx;
  private final List<Bot> bots;
  private final List<ChatTarget> targets;
  private final Map<String, String> options;
  private final Histogram connectTimes = new ConcurrentHistogram(MAX_MICROS, 3);
  private final LongAdder failedConnects = new LongAdder();
  private Reconnects reconnects;

  private Worker(Vertx vertx, List<Bot> bots, List<ChatTarget> targets, Map<String, String> options) {
    this.vertx = vertx;
    this.bots = bots;
    this.targets = targets;
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].substring(2), args[i + 1]);
    }
    List<String> lines = Files.readAllLines(Path.of(options.get("people-file")));
    List<Bot> bots = new ArrayList<>();
    for (String line : lines.subList(Integer.parseInt(options.get("from")), Integer.parseInt(options.get("to")))) {
      JsonObject person = new JsonObject(line);
      bots.add(new Bot(person.getInteger("index"), person.getString("token"),
        person.getJsonArray("rooms").stream().map(Object::toString).toList()));
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(integer(options, "event-loops", 2)));
    List<ChatTarget> targets = new ArrayList<>();
    String url = options.getOrDefault("url", "http://127.0.0.1:18080");
    for (String address : options.getOrDefault("local-addresses", "").split(",")) {
      targets.add(new ParleyTarget(vertx, url, 0, address.isBlank() ? null : address));
    }
    Log.say("worker %s: %d people, from %s", options.get("worker"), bots.size(), targets);
    Worker worker = new Worker(vertx, bots, targets, options);
    emit(new JsonObject().put("event", "loaded").put("people", bots.size()));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        worker.command(new JsonObject(line));
      }
    } finally {
      vertx.close().await();
    }
  }

  private void command(JsonObject command) throws InterruptedException {
    sleepUntil(command.getLong("at", 0L));
    switch (command.getString("command")) {
      case "connect" -> connect();
      case "drop" -> {
        reconnects = new Reconnects(vertx, bots, this::targetOf, options);
        reconnects.start();
      }
      case "finish" -> emit(result(command.getJsonObject("lastSeqs")));
      default -> throw new IllegalArgumentException("unknown command " + command.encode());
    }
  }

  ChatTarget targetOf(Bot bot) {
    return targets.get(bot.index % targets.size());
  }

  /** How many people each bot watches the presence of ({@code --watch}, 0: none, as the earlier runs). */
  int watch() {
    return integer(options, "watch", 0);
  }

  /** Everyone, a few at a time, each retried a few times; answers when all are connected and synced. */
  private void connect() {
    long first = epochMicros();
    Map<String, Integer> sources = new ConcurrentHashMap<>();
    Batches.run(bots.size(), integer(options, "connect-parallel", 200), i -> connect(bots.get(i), 5).map(socket -> {
        sources.merge(socket.localHost(), 1, Integer::sum);
        return socket;
      }))
      .onComplete(done -> {
        long last = epochMicros();
        JsonObject event = new JsonObject().put("event", "connected").put("first", first).put("last", last)
          .put("connections", done.succeeded() ? bots.size() : 0).put("failedConnects", failedConnects.sum())
          .put("sources", new JsonObject(new HashMap<>(sources))).put("connect", Fleet.encode(connectTimes));
        if (done.failed()) {
          event.put("error", done.cause().getMessage());
        }
        emit(event);
      });
    long every = integer(options, "ping-seconds", 20);
    long[] tick = {0};
    vertx.setPeriodic(1000, timer -> {
      long now = tick[0]++;
      bots.forEach(bot -> {
        if (bot.index % every == now % every) {
          bot.ping();
        }
      });
    });
  }

  private Future<BridgeConnection> connect(Bot bot, int tries) {
    long started = System.nanoTime();
    return bot.connect(targetOf(bot), watch()).timeout(Reconnects.ATTEMPT_SECONDS, TimeUnit.SECONDS).map(socket -> {
      connectTimes.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - started) / 1000));
      return socket;
    }).recover(failure -> {
      failedConnects.increment();
      bot.drop();
      if (tries <= 1) {
        return Future.failedFuture(failure);
      }
      return vertx.timer(200 + (long) (Math.random() * 300)).compose(waited -> connect(bot, tries - 1));
    });
  }

  private JsonObject result(JsonObject lastSeqs) {
    long lost = 0;
    long refusals = 0;
    long unaskedCloses = 0;
    for (Bot bot : bots) {
      if (lastSeqs != null) {
        for (String room : bot.rooms) {
          lost += bot.missing(room, lastSeqs.getLong(room, 0L));
        }
      }
      BridgeConnection socket = bot.connection();
      refusals += socket == null ? 0 : socket.refusals();
      unaskedCloses += bot.unaskedCloses();
    }
    JsonObject result = new JsonObject().put("event", "result").put("people", bots.size()).put("lost", lost)
      .put("refusals", refusals).put("unaskedCloses", unaskedCloses);
    if (reconnects != null) {
      reconnects.report(result);
    }
    return result;
  }

  static long epochMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  static synchronized void emit(JsonObject event) {
    System.out.println(event.encode());
    System.out.flush();
  }

  static void sleepUntil(long epochMillis) throws InterruptedException {
    long left;
    while ((left = epochMillis - System.currentTimeMillis()) > 0) {
      Thread.sleep(left);
    }
  }

  static int integer(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }
}
