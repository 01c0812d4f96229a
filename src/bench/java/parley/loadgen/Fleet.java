package parley.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

/**
 * The generator as several processes: each may hold at most 20,000 open files, so a scenario of more connections
 * than one process can hold runs {@link Worker}s, each given a slice of the people (from a file the parent wrote)
 * and one of the source addresses. The parent and its workers speak JSON lines: the parent writes commands to a
 * worker's stdin (each naming the wall-clock moment to act at, so that all act together), a worker writes events to
 * its stdout (its progress and, last, its result); their logs go to the parent's stderr.
 */
final class Fleet implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final List<PrintWriter> commands = new ArrayList<>();
  private final List<BlockingQueue<JsonObject>> events = new ArrayList<>();

  /**
   * Writes the people to a file and starts {@code count} workers of the scenario, worker {@code w} with people
   * {@code [w·n/count, (w+1)·n/count)} and its share of the source addresses (none: the system chooses).
   */
  static Fleet start(String scenario, int count, List<Population.Person> people, List<String> addresses,
                     Map<String, String> options) throws IOException {
    Path file = Files.createTempFile("parley-people-", ".jsonl");
    file.toFile().deleteOnExit();
    List<String> lines = new ArrayList<>();
    people.forEach(person -> lines.add(new JsonObject().put("index", person.index()).put("token", person.token())
      .put("rooms", new JsonArray(person.roomIds())).encode()));
    Files.write(file, lines);
    Fleet fleet = new Fleet();
    String java = ProcessHandle.current().info().command().orElse("java");
    for (int w = 0; w < count; w++) {
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + options.getOrDefault("worker-heap", "1g"),
        "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Worker.class.getName(), scenario,
        "--people-file", file.toString(), "--from", Integer.toString(w * people.size() / count),
        "--to", Integer.toString((w + 1) * people.size() / count), "--worker", Integer.toString(w)));
      if (!addresses.isEmpty()) {
        command.addAll(List.of("--local-addresses", String.join(",", addressesOf(w, count, addresses))));
      }
      options.forEach((name, value) -> {
        if (!Worker.PARENT_ONLY.contains(name)) {
          command.addAll(List.of("--" + name, value));
        }
      });
      fleet.spawn(command);
    }
    return fleet;
  }

  /** Every address goes to some worker, and every worker has at least one: the k-th to worker k mod workers. */
  private static List<String> addressesOf(int worker, int workers, List<String> addresses) {
    if (addresses.size() < workers) {
      return List.of(addresses.get(worker % addresses.size()));
    }
    List<String> mine = new ArrayList<>();
    for (int k = worker; k < addresses.size(); k += workers) {
      mine.add(addresses.get(k));
    }
    return mine;
  }

  private void spawn(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    processes.add(process);
    commands.add(new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8));
    BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
    events.add(queue);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("{")) {
            queue.add(new JsonObject(line));
          }
        }
      } catch (IOException | RuntimeException e) {
        Log.say("worker output unreadable: %s", e);
      }
      queue.add(new JsonObject().put("event", "exited"));
    }, "fleet-reader-" + processes.size());
    reader.setDaemon(true);
    reader.start();
  }

  int size() {
    return processes.size();
  }

  /** Tells every worker the same command. */
  void tell(JsonObject command) {
    commands.forEach(worker -> worker.println(command.encode()));
  }

  /** Each worker's next event, which must be {@code event}; fails if one exits or is silent for {@code seconds}. */
  List<JsonObject> await(String event, long seconds) throws InterruptedException {
    List<JsonObject> answers = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (int w = 0; w < events.size(); w++) {
      JsonObject answer = events.get(w).poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (answer == null || !event.equals(answer.getString("event"))) {
        throw new IllegalStateException("worker " + w + " answered " + (answer == null ? "nothing" : answer.encode())
          + " instead of " + event);
      }
      answers.add(answer);
    }
    return answers;
  }

  /** Epoch milliseconds {@code millis} from now: a moment every worker can act at. */
  static long inMillis(long millis) {
    return System.currentTimeMillis() + millis;
  }

  static long sum(List<JsonObject> answers, String field) {
    return answers.stream().mapToLong(answer -> answer.getLong(field, 0L)).sum();
  }

  /** A histogram as one line of text, for a worker's result. */
  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    histogram.encodeIntoCompressedByteBuffer(buffer);
    buffer.flip();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The workers' histograms of {@code field} added together. */
  static Histogram merged(List<JsonObject> answers, String field, long highest) {
    Histogram all = new Histogram(highest, 3);
    for (JsonObject answer : answers) {
      try {
        all.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(answer.getString(field))), highest));
      } catch (DataFormatException e) {
        throw new IllegalStateException("a worker's " + field + " histogram is unreadable", e);
      }
    }
    return all;
  }

  /** Asks the workers to stop, then makes sure they have. */
  @Override
  public void close() throws InterruptedException {
    commands.forEach(PrintWriter::close);
    for (Process process : processes) {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
      }
    }
  }
}
