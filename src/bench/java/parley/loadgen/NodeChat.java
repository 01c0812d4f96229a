package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Steady chat with every socket in one Node.js process of its own (scripts/bench-generator/generator.js), as a bot
 * would hold them: the same schedule, fields and checks as {@link SteadyChat}, for a fraction of the CPU a JVM
 * generator takes from the same two cores. This process made the people and rooms, and probes the server over each
 * measured window; the Node.js process connects, sends and times, and its CPU counts as the generator's with ours.
 */
final class NodeChat implements ChatDriver {

  private static final String SCRIPT = "scripts/bench-generator/generator.js";

  private final Vertx vertx;
  private final ServerProbe server;
  private final String databaseUrl;
  private final Process node;
  private final BufferedReader lines;
  private final Writer commands;
  private final List<ServerProbe> generator;

  private NodeChat(Vertx vertx, ServerProbe server, String databaseUrl, Process node) {
    this.vertx = vertx;
    this.server = server;
    this.databaseUrl = databaseUrl;
    this.node = node;
    this.lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    this.commands = node.outputWriter(StandardCharsets.UTF_8);
    this.generator = List.of(new ServerProbe(ProcessHandle.current().pid()), new ServerProbe(node.pid()));
  }

  /**
   * Blocking: starts the Node.js process with everyone in {@code made} (each in their one room) and returns once all
   * are connected and receiving their rooms. {@code target}: parley or reference.
   */
  static NodeChat connect(Vertx vertx, String target, String url, Population.Made made, ServerProbe server,
                          String databaseUrl) throws IOException {
    JsonArray people = new JsonArray();
    made.people().forEach(person -> people.add(new JsonObject().put("token", person.token()).put("roomId", person.roomIds().get(0))));
    Path population = Files.createTempFile("parley-bench-population", ".json");
    Files.writeString(population, new JsonObject().put("target", target).put("url", url).put("people", people)
      .put("rooms", new JsonArray(made.roomIds())).encode());
    List<String> command = new ArrayList<>(List.of("node"));
    // e.g. --cpu-prof --cpu-prof-dir=target/bench, to see where the generator's own time goes
    String flags = System.getenv().getOrDefault("BENCH_GENERATOR_NODE_FLAGS", "").trim();
    if (!flags.isEmpty()) {
      command.addAll(List.of(flags.split("\\s+")));
    }
    command.addAll(List.of(SCRIPT, population.toString()));
    Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    NodeChat chat = new NodeChat(vertx, server, databaseUrl, node);
    JsonObject connected = chat.next("connected");
    Files.delete(population);
    Log.say("%d connected from Node.js and receiving their rooms in %.1f s", connected.getInteger("connected"),
      connected.getDouble("seconds"));
    return chat;
  }

  @Override
  public JsonObject run(int rate, int warmupSeconds, int seconds, String profile) throws Exception {
    commands.write(new JsonObject().put("rate", rate).put("warmupSeconds", warmupSeconds).put("seconds", seconds).encode() + "\n");
    commands.flush();
    double startsAt = next("startsAt").getDouble("startsAt");
    long windowStart = Math.round(startsAt) + warmupSeconds * 1000L;
    sleepUntil(windowStart);
    MeasuredWindow window = MeasuredWindow.start(vertx, server, generator, databaseUrl, profile, seconds);
    sleepUntil(windowStart + seconds * 1000L);
    MeasuredWindow.Spent spent = window.end();
    JsonObject result = next("result").getJsonObject("result");
    return result.mergeIn(spent.toJson(result.getLong("persistedInWindow"), result.getLong("deliveredInWindow")));
  }

  /** The next line the Node.js process writes, which must carry {@code field}. */
  private JsonObject next(String field) throws IOException {
    String line = lines.readLine();
    if (line == null) {
      throw new IOException("the Node.js generator stopped (exit " + waitFor() + ") before answering " + field);
    }
    JsonObject answer = new JsonObject(line);
    if (!answer.containsKey(field)) {
      throw new IOException("the Node.js generator answered " + line + " where " + field + " was due");
    }
    return answer;
  }

  private int waitFor() {
    try {
      return node.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long left;
    while ((left = epochMillis - System.currentTimeMillis()) > 0) {
      Thread.sleep(left);
    }
  }

  @Override
  public void close() throws IOException {
    commands.close();
    waitFor();
  }
}
