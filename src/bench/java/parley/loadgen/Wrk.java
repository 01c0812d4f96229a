package parley.loadgen;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs wrk (Debian's package; scripts/bench installs it) with a Lua script whose {@code done} prints one line
 * {@code wrk-result <json>}, and answers that JSON. wrk's own report goes to stderr with the rest of the progress.
 * Blocking.
 */
final class Wrk {

  private static final String RESULT = "wrk-result ";

  private final String url;
  private final String script;
  private final int threads;
  private final int connections;

  Wrk(String url, String script, int threads, int connections) {
    this.url = url;
    this.script = script;
    this.threads = threads;
    this.connections = connections;
  }

  /** {@code scriptArgs}: what the script's {@code init} gets, after wrk's {@code --}. */
  JsonObject run(int seconds, String... scriptArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "--latency", "--timeout", "10s", "-t", Integer.toString(threads),
      "-c", Integer.toString(connections), "-d", seconds + "s", "-s", script, url, "--"));
    command.addAll(List.of(scriptArgs));
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    JsonObject result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(wrk.getInputStream()))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(RESULT)) {
          result = new JsonObject(line.substring(RESULT.length()));
        } else {
          System.err.println("  wrk: " + line);
        }
      }
    }
    int status = wrk.waitFor();
    if (status != 0 || result == null) {
      throw new IllegalStateException("wrk exited with " + status + (result == null ? " and no result line" : ""));
    }
    return result;
  }
}
