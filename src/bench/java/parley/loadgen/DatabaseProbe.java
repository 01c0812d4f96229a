package parley.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU seconds of the PostgreSQL backends serving one database (named by BENCH_DATABASE, which scripts/bench sets),
 * from /proc, so a run can say how the work splits between the server and its database on the same cores.
 * Backends that end during a run take their seconds with them; the pool keeps its connections, so few do.
 */
final class DatabaseProbe {

  private static final double TICKS_PER_SECOND = 100;

  private final String database = System.getenv().getOrDefault("BENCH_DATABASE", "");

  /** NaN when no database is named or psql cannot say. */
  double cpuSeconds() {
    if (database.isEmpty()) {
      return Double.NaN;
    }
    String pids = psql("SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '" + database + "'");
    if (pids.isBlank()) {
      return Double.NaN;
    }
    double seconds = 0;
    for (String pid : pids.trim().split(" ")) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException gone) {
        // the backend ended between the query and the read
      }
    }
    return seconds;
  }

  private static String psql(String query) {
    try {
      Process process = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc", query)
        .redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor(30, TimeUnit.SECONDS);
      return process.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
