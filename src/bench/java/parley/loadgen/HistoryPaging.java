package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * History paging (issue 9, scenario 5): one bench user makes {@code rooms} rooms through the API, so they are in all of
 * them; {@link HistorySeed} fills them with {@code messages} in SQL; then wrk, closed-loop over {@code connections},
 * asks {@code GET /api/rooms/:id/messages?before=…&limit=50} for a random room and a random full page, for a warm-up
 * and then the measured window. Any answer other than 2xx, or any socket error or timeout, fails the run.
 */
final class HistoryPaging {

  static final int LIMIT = 50;

  private final Vertx vertx;
  private final ChatTarget target;
  private final String url;
  private final String databaseUrl;
  private final ServerProbe probe;

  HistoryPaging(Vertx vertx, ChatTarget target, String url, String databaseUrl) {
    this.vertx = vertx;
    this.target = target;
    this.url = url;
    this.databaseUrl = databaseUrl;
    this.probe = new ServerProbe(target.serverPid());
  }

  /** Blocking. {@code profile}: a file for a flight recording of the server during the measured window, or null. */
  JsonObject run(String run, int rooms, int messages, Wrk wrk, int warmupSeconds, int seconds, String profile)
    throws IOException, InterruptedException {
    int perRoom = messages / rooms;
    if (perRoom <= LIMIT) {
      throw new IllegalArgumentException("need more than " + LIMIT + " messages per room, not " + perRoom);
    }
    long started = System.nanoTime();
    String owner = target.createUser("hist" + run).await();
    List<String> roomIds = Batches.run(rooms, 32, r -> target.createRoom(owner, "h" + run + "-" + r)).await();
    Log.say("%d rooms made through the API in %.1f s", rooms, (System.nanoTime() - started) / 1e9);
    HistorySeed.Timings seeded = HistorySeed.seed(vertx, databaseUrl, roomIds, perRoom);
    checkNewestPage(owner, roomIds.get(roomIds.size() - 1), perRoom);

    Path roomsFile = Path.of("target", "bench", "history-rooms-" + run + ".txt");
    Files.write(roomsFile, roomIds);
    String[] scriptArgs = {roomsFile.toString(), owner, Integer.toString(perRoom), Integer.toString(LIMIT)};
    Log.say("warming up for %d s", warmupSeconds);
    String warmupFailure = failure(wrk.run(warmupSeconds, scriptArgs));
    DatabaseProbe database = DatabaseProbe.of(vertx, databaseUrl);
    if (profile != null) {
      probe.record(profile, seconds);
    }
    Log.say("measuring for %d s", seconds);
    double cpuBefore = probe.cpuSeconds();
    double databaseBefore = database.cpuSeconds();
    double[] gcBefore = probe.gcPauses();
    JsonObject measured = wrk.run(seconds, scriptArgs);
    double cpu = probe.cpuSeconds() - cpuBefore;
    double databaseCpu = database.cpuSeconds() - databaseBefore;
    double[] gcAfter = probe.gcPauses();

    JsonObject result = report(measured, cpu, databaseCpu, database.backends())
      .put("gcSeconds", round(gcAfter[0] - gcBefore[0])).put("gcPauses", gcAfter[1] - gcBefore[1])
      .put("rooms", rooms).put("messages", (long) perRoom * rooms)
      .put("limit", LIMIT).put("seedSeconds", round(seeded.insertSeconds())).put("vacuumSeconds", round(seeded.vacuumSeconds()))
      .put("messagesTableMB", seeded.tableBytes() >> 20).put("warmupSeconds", warmupSeconds);
    String failure = warmupFailure != null ? "warm-up: " + warmupFailure : failure(measured);
    return failure == null ? result : result.put("failed", failure);
  }

  private static JsonObject report(JsonObject wrk, double cpu, double databaseCpu, int backends) {
    long requests = wrk.getLong("requests");
    double seconds = wrk.getLong("durationMicros") / 1e6;
    JsonObject micros = wrk.getJsonObject("latencyMicros");
    JsonObject latency = new JsonObject().put("count", requests);
    for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
      latency.put(p, Math.round(micros.getLong(p) / 10.0) / 100.0);
    }
    JsonObject errors = wrk.getJsonObject("errors");
    return new JsonObject()
      .put("requestsPerSecond", Math.round(requests / seconds))
      .put("latency", latency)
      .put("errors", socketErrors(errors))
      .put("non2xx", errors.getLong("status"))
      .put("wrkErrors", errors)
      .put("requests", requests).put("seconds", round(seconds))
      .put("bytesPerResponse", requests == 0 ? 0 : wrk.getLong("bytes") / requests)
      .put("serverCpuSeconds", round(cpu))
      .put("serverCpuPer1000Requests", requests == 0 ? null : round(cpu * 1000 / requests))
      .put("databaseCpuSeconds", round(databaseCpu)).put("databaseBackends", backends)
      .put("databaseCpuPer1000Requests", requests == 0 ? null : round(databaseCpu * 1000 / requests));
  }

  /** What went wrong in a wrk run, or null. wrk counts a status above 399 as an error of kind {@code status}. */
  private static String failure(JsonObject wrk) {
    JsonObject errors = wrk.getJsonObject("errors");
    long socket = socketErrors(errors);
    long status = errors.getLong("status");
    if (wrk.getLong("requests") == 0) {
      return "no requests answered";
    }
    return socket == 0 && status == 0 ? null : status + " answers other than 2xx, " + socket + " socket errors " + errors.encode();
  }

  private static long socketErrors(JsonObject errors) {
    return errors.getLong("connect") + errors.getLong("read") + errors.getLong("write") + errors.getLong("timeout");
  }

  /** The seeded history as the API shows it: the newest page ends at the room's last seq, gapless, with more to come. */
  private void checkNewestPage(String token, String roomId, int perRoom) {
    WebClient http = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> response = http.getAbs(url + "/api/rooms/" + roomId + "/messages?limit=" + LIMIT)
        .bearerTokenAuthentication(token).send().await();
      if (response.statusCode() != 200) {
        throw new IllegalStateException("history answered " + response.statusCode() + " " + response.bodyAsString());
      }
      JsonObject page = response.bodyAsJsonObject();
      JsonArray messages = page.getJsonArray("messages");
      for (int i = 0; i < messages.size(); i++) {
        long seq = messages.getJsonObject(i).getLong("seq");
        if (seq != perRoom - LIMIT + 1 + i) {
          throw new IllegalStateException("the newest page of room " + roomId + " has seq " + seq + " at " + i + ": " + page.encode());
        }
      }
      if (messages.size() != LIMIT || !page.getBoolean("more")) {
        throw new IllegalStateException("the newest page of room " + roomId + " is not full: " + page.encode());
      }
    } finally {
      http.close();
    }
  }

  private static double round(double value) {
    return Double.isNaN(value) ? Double.NaN : Math.round(value * 1000) / 1000.0;
  }
}
