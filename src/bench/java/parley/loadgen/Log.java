package parley.loadgen;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr, so that stdout carries only the results. */
final class Log {

  private Log() {
  }

  static void say(String format, Object... args) {
    System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + String.format(format, args));
  }
}
