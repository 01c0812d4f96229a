package parley.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server process spends, read from outside it: CPU seconds from /proc/<pid>/stat, resident memory from
 * /proc/<pid>/status, the heap after a full collection and the collections' time from the JDK's jcmd and jstat.
 * Blocking; call it off the event loops.
 */
final class ServerProbe {

  private static final double TICKS_PER_SECOND = 100;
  private static final Pattern RESIDENT = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private final long pid;

  ServerProbe(long pid) {
    this.pid = pid;
  }

  boolean known() {
    return pid > 0;
  }

  /** User plus system CPU seconds the process has used so far. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Bytes of the process in RAM (VmRSS), read the same way for any runtime; -1 when unknown. */
  long residentBytes() {
    try {
      Matcher resident = RESIDENT.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
      return resident.find() ? Long.parseLong(resident.group(1)) * 1024 : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Bytes of heap in use after a full collection. */
  long heapAfterGc() {
    run("jcmd", Long.toString(pid), "GC.run");
    Matcher used = HEAP_USED.matcher(run("jcmd", Long.toString(pid), "GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
  }

  /**
   * The whole machine's CPU so far, from /proc/stat: {busy, total} in ticks. On a machine shared with other work, the
   * busy share over a window says how much of it the server could have had.
   */
  static long[] machineTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** Percent of all the machine's cores busy between two {@link #machineTicks} readings. */
  static double busyPercent(long[] before, long[] after) {
    long total = after[1] - before[1];
    return total <= 0 ? Double.NaN : Math.round((after[0] - before[0]) * 1000.0 / total) / 10.0;
  }

  /** Bytes of the process's resident memory (VmRSS), heap and all. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Writes the live objects per class (after a full collection) to {@code file}, as jcmd's GC.class_histogram prints them. */
  void classHistogram(Path file) {
    try {
      Files.writeString(file, run("jcmd", Long.toString(pid), "GC.class_histogram"));
    } catch (IOException e) {
      Log.say("could not write %s: %s", file, e);
    }
  }

  /**
   * Profiles the next {@code seconds} into {@code file}. A {@code .html} file is an async-profiler flame graph, and a
   * {@code .collapsed} file its stacks as text, one line each (loaded into the server through jcmd from the library
   * {@code ASYNC_PROFILER_LIB} names; a name ending {@code -alloc.<extension>} samples allocations, else CPU); anything
   * else is a flight recording (the profile settings: methods sampled every 10 ms).
   */
  void record(String file, int seconds) {
    if (!file.endsWith(".html") && !file.endsWith(".collapsed")) {
      run("jcmd", Long.toString(pid), "JFR.start", "settings=profile", "duration=" + seconds + "s", "filename=" + file);
      return;
    }
    String library = System.getenv("ASYNC_PROFILER_LIB");
    if (library == null || library.isEmpty()) {
      Log.say("no profile: ASYNC_PROFILER_LIB names no library");
      return;
    }
    String event = file.matches(".*-alloc\\.[a-z]+") ? "alloc" : "cpu";
    run("jcmd", Long.toString(pid), "JVMTI.agent_load", library,
      // Quoted: jcmd would end the option string at its first comma.
      "\"start,event=" + event + ",interval=" + (event.equals("cpu") ? "1ms" : "512k") + ",timeout=" + seconds + ",file=" + Path.of(file).toAbsolutePath() + "\"");
  }

  /** Seconds the collector has paused the process so far, and how many pauses (jstat's GCT and YGC + FGC); NaN if not a JVM. */
  double[] gcPauses() {
    String[] lines = run("jstat", "-gc", Long.toString(pid)).strip().split("\n");
    if (lines.length < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[1].trim().split("\\s+");
    double time = Double.NaN;
    double count = 0;
    for (int i = 0; i < names.length && i < values.length; i++) {
      switch (names[i]) {
        case "GCT" -> time = Double.parseDouble(values[i]);
        // A collector without concurrent cycles (Serial, Parallel) shows "-" for CGC.
        case "YGC", "FGC", "CGC" -> count += values[i].equals("-") ? 0 : Double.parseDouble(values[i]);
        default -> { }
      }
    }
    return Double.isNaN(time) ? new double[] {Double.NaN, Double.NaN} : new double[] {time, count};
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
