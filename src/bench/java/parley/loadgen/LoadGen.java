package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load generator: {@code LoadGen <scenario> --name value …}, run by scripts/bench. It makes its people and rooms
 * through the server's API, drives the scenario, and prints the results as one JSON object on stdout (progress
 * goes to stderr).
 *
 * <p>Scenarios: {@code steady} (open-loop chat: {@code --rooms --members --rate --warmup --seconds}), {@code hotroom}
 * (the same in one room of 1,000 at 20 msg/s), {@code ingest} (steady in rising steps over 1,000 small rooms until
 * the delivery p99 passes {@code --p99-limit} ms: {@code --from --to --factor}).
 * {@code history} (history paging with wrk: {@code --rooms --messages --connections --threads --warmup --seconds}).
 * {@code idle} ({@link IdleCapacity}) and {@code storm} ({@link ReconnectStorm}), these two over several processes
 * ({@link Fleet}). A run whose result says {@code failed} exits with 1 after printing it.
 * {@code --target parley} (the default) or {@code reference} (scripts/bench-reference, the server Parley is compared with).
 */
public final class LoadGen {

  private LoadGen() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadGen steady|hotroom|ingest --url http://127.0.0.1:18080 [--pid N] [--rooms 100] [--members 50] "
        + "[--rate 1000] [--warmup 5] [--seconds 20] [--local-address 127.0.0.2] [--event-loops 2] [--profile server.jfr] "
        + "[--target parley|reference]\n"
        + "       LoadGen history --url … --database postgres://… [--pid N] [--rooms 1000] [--messages 5000000] "
        + "[--connections 32] [--threads 2] [--warmup 5] [--seconds 20] [--profile server.jfr]\n"
        + "       LoadGen idle|storm: see scripts/bench");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(integer(options, "event-loops", 2)));
    try {
      String targetName = options.getOrDefault("target", "parley");
      ChatTarget target = target(vertx, targetName, options);
      String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
      JsonObject result = switch (args[0]) {
        case "steady" -> steady(vertx, target, run, options, 100, 50, 1000);
        case "hotroom" -> steady(vertx, target, run, options, 1, 1000, 20);
        case "ingest" -> ingest(vertx, target, run, options);
        case "history" -> history(vertx, target, run, options);
        case "idle" -> new IdleCapacity(target, new ServerProbe(target.serverPid()), options).run(run);
        case "storm" -> new ReconnectStorm(vertx, target, new ServerProbe(target.serverPid()), options).run(run);
        default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
      };
      System.out.println(result.put("scenario", args[0]).put("target", targetName).put("server", target.toString())
        .encode());
      if (result.containsKey("failed")) {
        System.err.println(args[0] + " run failed: " + result.getString("failed"));
        System.exit(1);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static ChatTarget target(Vertx vertx, String name, Map<String, String> options) {
    String url = options.getOrDefault("url", "http://127.0.0.1:18080");
    long pid = Long.parseLong(options.getOrDefault("pid", "0"));
    return switch (name) {
      case "parley" -> new ParleyTarget(vertx, url, pid, options.get("local-address"));
      case "reference" -> new ReferenceTarget(vertx, url, pid, options.get("local-address"));
      default -> throw new IllegalArgumentException("unknown target " + name + " (parley or reference)");
    };
  }

  private static JsonObject steady(Vertx vertx, ChatTarget target, String run, Map<String, String> options,
                                   int defaultRooms, int defaultMembers, int defaultRate) throws Exception {
    int rooms = integer(options, "rooms", defaultRooms);
    int members = integer(options, "members", defaultMembers);
    ServerProbe probe = new ServerProbe(target.serverPid());
    long rssBeforeConnecting = probe.residentBytes();
    try (ChatDriver scenario = driver(vertx, target, run, options, rooms, members, probe)) {
      ResidentMemory memory = new ResidentMemory(rssBeforeConnecting, probe.residentBytes());
      int rate = integer(options, "rate", defaultRate);
      Log.say("sending %d messages a second to %d rooms of %d", rate, rooms, members);
      JsonObject result = scenario.run(rate, integer(options, "warmup", 5), integer(options, "seconds", 20), options.get("profile"));
      return result.put("rooms", rooms).put("members", members).put("connections", rooms * members)
        .put("generator", options.getOrDefault("generator", "jvm")).mergeIn(memory.toJson(rooms * members));
    }
  }

  private static JsonObject ingest(Vertx vertx, ChatTarget target, String run, Map<String, String> options) throws Exception {
    int rooms = integer(options, "rooms", 1000);
    int members = integer(options, "members", 2);
    try (ChatDriver chat = driver(vertx, target, run, options, rooms, members, new ServerProbe(target.serverPid()))) {
      JsonObject result = new IngestCeiling(chat).run(integer(options, "from", 1000), integer(options, "to", 16000),
        Double.parseDouble(options.getOrDefault("factor", "1.25")), integer(options, "warmup", 3), integer(options, "seconds", 10),
        Double.parseDouble(options.getOrDefault("p99-limit", "100")));
      return result.put("rooms", rooms).put("members", members).put("connections", rooms * members)
        .put("generator", options.getOrDefault("generator", "jvm"));
    }
  }

  /**
   * Everyone made and connected, each in one room: from this JVM ({@code --generator jvm}, the default: its event
   * loops use both cores, for rates one Node.js process cannot drive) or from a Node.js process
   * ({@code --generator node}, as a bot would connect: what {@code compare} uses).
   */
  private static ChatDriver driver(Vertx vertx, ChatTarget target, String run, Map<String, String> options, int rooms,
                                   int members, ServerProbe probe) throws Exception {
    String database = options.get("database");
    return switch (options.getOrDefault("generator", "jvm")) {
      case "node" -> NodeChat.connect(vertx, options.getOrDefault("target", "parley"), options.getOrDefault("url", "http://127.0.0.1:18080"),
        Population.register(target, run, rooms * members, rooms, 1, Population.PARALLEL).await(), probe, database);
      case "jvm" -> new SteadyChat(vertx, Population.create(target, run, rooms, members).await(), probe, database);
      default -> throw new IllegalArgumentException("unknown generator " + options.get("generator") + " (node or jvm)");
    };
  }

  private static JsonObject history(Vertx vertx, ChatTarget target, String run, Map<String, String> options) throws Exception {
    int connections = integer(options, "connections", 32);
    int threads = integer(options, "threads", 2);
    String url = options.getOrDefault("url", "http://127.0.0.1:18080");
    Wrk wrk = new Wrk(url, options.getOrDefault("wrk-script", "scripts/bench-history.lua"), threads, connections);
    HistoryPaging scenario = new HistoryPaging(vertx, target, url, options.get("database"));
    return scenario.run(run, integer(options, "rooms", 1000), integer(options, "messages", 5_000_000), wrk,
      integer(options, "warmup", 5), integer(options, "seconds", 20), options.get("profile"))
      .put("connections", connections).put("threads", threads);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, not " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static int integer(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }
}
