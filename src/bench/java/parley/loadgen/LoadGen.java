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
 * <p>Scenarios: {@code steady} (open-loop chat: {@code --rooms --members --rate --warmup --seconds}), {@code idle}
 * ({@link IdleCapacity}) and {@code storm} ({@link ReconnectStorm}), these two over several processes ({@link Fleet}).
 */
public final class LoadGen {

  private LoadGen() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadGen steady --url http://127.0.0.1:18080 [--pid N] [--rooms 100] [--members 50] "
        + "[--rate 1000] [--warmup 5] [--seconds 20] [--local-address 127.0.0.2] [--event-loops 2] [--profile server.jfr]"
        + "; LoadGen idle|storm: see scripts/bench");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(integer(options, "event-loops", 2)));
    try {
      ChatTarget target = new ParleyTarget(vertx, options.getOrDefault("url", "http://127.0.0.1:18080"),
        Long.parseLong(options.getOrDefault("pid", "0")), options.get("local-address"));
      String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
      JsonObject result = switch (args[0]) {
        case "steady" -> steady(vertx, target, run, options);
        case "idle" -> new IdleCapacity(target, new ServerProbe(target.serverPid()), options).run(run);
        case "storm" -> new ReconnectStorm(vertx, target, new ServerProbe(target.serverPid()), options).run(run);
        default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
      };
      System.out.println(result.put("scenario", args[0]).put("target", target.toString()).encode());
    } finally {
      vertx.close().await();
    }
  }

  private static JsonObject steady(Vertx vertx, ChatTarget target, String run, Map<String, String> options) throws Exception {
    int rooms = integer(options, "rooms", 100);
    int members = integer(options, "members", 50);
    Population population = Population.create(target, run, rooms, members).await();
    SteadyChat scenario = new SteadyChat(vertx, population, new ServerProbe(target.serverPid()));
    int rate = integer(options, "rate", 1000);
    Log.say("sending %d messages a second to %d rooms of %d", rate, rooms, members);
    JsonObject result = scenario.run(rate, integer(options, "warmup", 5), integer(options, "seconds", 20), options.get("profile"));
    return result.put("rooms", rooms).put("members", members).put("connections", population.members.size());
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
