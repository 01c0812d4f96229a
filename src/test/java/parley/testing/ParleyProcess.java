package parley.testing;

import io.vertx.core.json.JsonObject;
import parley.config.AppConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code parley.Main} in a JVM of its own, as a deployment runs it: {@code java [this JVM's --add-opens/--add-exports]
 * -cp [this classpath] parley.Main [args]}, set by environment only, its output in a file under target. What a test
 * needs of a real process (a signal, an exit, what it printed) and cannot have from a server in its own JVM.
 */
public final class ParleyProcess implements AutoCloseable {

  public final Process process;
  public final int port;
  public final Path output;

  private ParleyProcess(Process process, int port, Path output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts it on {@code port} with {@code settings} over the test defaults (127.0.0.1, a cheap bcrypt, generous rate
   * limits); its output goes to {@code target/<name>-<this pid>.log}.
   */
  public static ParleyProcess start(String name, int port, JsonObject settings, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvmArguments.size(); i++) {
      String argument = jvmArguments.get(i);
      if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
        command.add(argument);
        if (!argument.contains("=") && i + 1 < jvmArguments.size()) {
          command.add(jvmArguments.get(++i));
        }
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "parley.Main"));
    command.addAll(List.of(args));
    Path output = Path.of("target", name + "-" + ProcessHandle.current().pid() + ".log");
    Files.createDirectories(output.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> environment = builder.environment();
    // Nothing of this JVM's environment may set a Parley setting behind the test's back.
    AppConfig.withOverrides(new JsonObject()).values().fieldNames().forEach(environment::remove);
    JsonObject all = new JsonObject()
      .put("HOST", "127.0.0.1")
      .put("BCRYPT_COST", 4)
      .put("AUTH_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("MESSAGE_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("CONVERSATION_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("MEMBER_ADD_RATE_LIMIT_PER_MINUTE", 100_000)
      .put("ROOM_CREATE_RATE_LIMIT_PER_HOUR", 100_000)
      .put("RENAME_RATE_LIMIT_PER_HOUR", 100_000)
      .put("INVITE_RATE_LIMIT_PER_HOUR", 100_000)
      .put("MAX_CONNECTIONS_PER_USER", 1000)
      .mergeIn(settings)
      .put("PORT", port);
    all.forEach(entry -> environment.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new ParleyProcess(builder.start(), port, output);
  }

  /** Waits until it answers HTTP; fails at once if it exits first. */
  public void awaitHttp(long millis) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError("Parley exited with " + process.exitValue() + " before answering:\n" + output());
      }
      try {
        client.send(request, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("Parley did not answer on port " + port + " within " + millis + " ms:\n" + output());
        }
        Thread.sleep(100);
      }
    }
  }

  /** Everything it printed so far. */
  public String output() throws IOException {
    return Files.readString(output);
  }

  /** Kills it if it still runs: a test that failed half-way leaves no process behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /**
   * The embedded PostgreSQL under the data directory {@code data}, stopped as it asks (SIGTERM) when a process left it
   * running: one that was killed, or a run that failed half-way.
   */
  public static void stopEmbeddedPostgres(Path data) throws IOException {
    Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid).ifPresent(postgres -> {
        postgres.destroy();
        postgres.onExit().orTimeout(30, TimeUnit.SECONDS).join();
      });
    }
  }
}
