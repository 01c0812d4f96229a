package parley.loadgen;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Idle capacity (issue 9, scenario 1): {@code --people} people (15,000) in {@code --rooms-per-person} rooms each (5)
 * of about {@code --members} (50), connected from {@code --processes} workers over {@code --local-addresses}, each
 * registering its user and rooms and syncing, then pinging every {@code --ping-seconds} (20) as clients do. Measures
 * the time from the first connect to everyone connected and synced; after {@code --settle} seconds (10), the
 * server's CPU over {@code --rest} seconds (30) at rest, in percent of one core; then the server's heap after a full
 * collection and its resident memory, each less the same taken before anyone connected, per connection.
 * {@code --warmup-connections N} (0) first connects and disconnects N of them, so that the connect is measured on a
 * server whose JIT has compiled that path.
 * {@code --histograms dir} also writes the server's live objects per class before and after.
 */
final class IdleCapacity {

  private final ChatTarget target;
  private final ServerProbe probe;
  private final Map<String, String> options;

  IdleCapacity(ChatTarget target, ServerProbe probe, Map<String, String> options) {
    this.target = target;
    this.probe = probe;
    this.options = options;
  }

  JsonObject run(String run) throws Exception {
    int people = Worker.integer(options, "people", 15_000);
    int processes = Worker.integer(options, "processes", Math.max(1, (people + 7999) / 8000));
    Population.Made made = Population.register(target, run, people, options);

    int warmup = Math.min(people, Worker.integer(options, "warmup-connections", 0));
    if (warmup > 0) {
      warmUp(made.people().subList(0, warmup));
    }
    Path histograms = options.containsKey("histograms") ? Files.createDirectories(Path.of(options.get("histograms"))) : null;
    if (histograms != null) {
      probe.classHistogram(histograms.resolve("before.txt"));
    }
    long heapBefore = probe.heapAfterGc();
    long rssBefore = probe.rssBytes();
    try (Fleet fleet = Fleet.start("idle", processes, made.people(), addresses(options), options)) {
      fleet.await("loaded", 120);
      fleet.tell(new JsonObject().put("command", "connect").put("at", Fleet.inMillis(500)));
      long[] machineBefore = ServerProbe.machineTicks();
      double serverBefore = probe.cpuSeconds();
      List<JsonObject> connected = fleet.await("connected", 900);
      long[] machineConnected = ServerProbe.machineTicks();
      double serverConnect = probe.cpuSeconds() - serverBefore;
      long first = connected.stream().mapToLong(event -> event.getLong("first")).min().orElseThrow();
      long last = connected.stream().mapToLong(event -> event.getLong("last")).max().orElseThrow();
      long connections = Fleet.sum(connected, "connections");
      double connectSeconds = (last - first) / 1e6;
      Log.say("%d connected and synced in %.1f s; at rest for %s s, then measuring for %s s", connections, connectSeconds,
        options.getOrDefault("settle", "10"), options.getOrDefault("rest", "30"));

      Thread.sleep(Worker.integer(options, "settle", 10) * 1000L);
      double cpuBefore = probe.cpuSeconds();
      long[] machineRest = ServerProbe.machineTicks();
      long restStarted = System.nanoTime();
      Thread.sleep(Worker.integer(options, "rest", 30) * 1000L);
      double restSeconds = (System.nanoTime() - restStarted) / 1e9;
      double restCpu = probe.cpuSeconds() - cpuBefore;
      double machineAtRest = ServerProbe.busyPercent(machineRest, ServerProbe.machineTicks());
      long heapAfter = probe.heapAfterGc();
      long rssAfter = probe.rssBytes();
      if (histograms != null) {
        probe.classHistogram(histograms.resolve("connected.txt"));
      }

      fleet.tell(new JsonObject().put("command", "finish"));
      List<JsonObject> results = fleet.await("result", 120);
      JsonObject sources = new JsonObject();
      connected.forEach(event -> event.getJsonObject("sources").forEach(source ->
        sources.put(source.getKey(), sources.getLong(source.getKey(), 0L) + ((Number) source.getValue()).longValue())));
      return new JsonObject()
        .put("connectSeconds", round(connectSeconds))
        .put("heapPerConnectionBytes", connections == 0 ? null : (heapAfter - heapBefore) / connections)
        .put("rssPerConnectionBytes", connections == 0 ? null : (rssAfter - rssBefore) / connections)
        .put("restCpuPercent", round(restCpu / restSeconds * 100))
        .put("connections", connections)
        .put("warmupConnections", warmup).put("people", people).put("rooms", made.roomIds().size())
        .put("roomsPerPerson", made.people().get(0).roomIds().size()).put("processes", processes)
        .put("setupSeconds", round(made.seconds()))
        .put("connect", Measurements.percentiles(Fleet.merged(connected, "connect", Worker.MAX_MICROS)))
        .put("failedConnects", Fleet.sum(connected, "failedConnects"))
        .put("serverCpuMsPerConnect", connections == 0 ? null : round(serverConnect * 1000 / connections))
        .put("machineBusyPercentConnecting", ServerProbe.busyPercent(machineBefore, machineConnected))
        .put("machineBusyPercentAtRest", machineAtRest)
        .put("unaskedCloses", Fleet.sum(results, "unaskedCloses")).put("refusals", Fleet.sum(results, "refusals"))
        .put("heapBeforeBytes", heapBefore).put("heapAfterBytes", heapAfter)
        .put("rssBeforeBytes", rssBefore).put("rssAfterBytes", rssAfter)
        .put("restSeconds", round(restSeconds)).put("sources", sources);
    }
  }

  /**
   * Connects some of the people once and lets them go again, so that the server's JIT has compiled the connect path
   * before the measured connect: a server that has been up a while has, a freshly started one has not.
   */
  private void warmUp(List<Population.Person> some) throws Exception {
    try (Fleet fleet = Fleet.start("idle", 1, some, addresses(options), options)) {
      fleet.await("loaded", 120);
      fleet.tell(new JsonObject().put("command", "connect").put("at", Fleet.inMillis(200)));
      fleet.await("connected", 600);
      fleet.tell(new JsonObject().put("command", "finish"));
      fleet.await("result", 60);
    }
    Log.say("warmed up with %d connections", some.size());
    Thread.sleep(3000);
  }

  /** {@code --local-addresses 127.0.0.1,127.0.0.2}: where connections come from, spread over the workers. */
  static List<String> addresses(Map<String, String> options) {
    String addresses = options.getOrDefault("local-addresses", options.getOrDefault("local-address", ""));
    return Arrays.stream(addresses.split(",")).map(String::strip).filter(address -> !address.isEmpty()).toList();
  }

  static double round(double value) {
    return Double.isNaN(value) ? Double.NaN : Math.round(value * 1000) / 1000.0;
  }
}
