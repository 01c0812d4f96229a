package parley.log;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Log lines")
class LogFormatTest {

  private static final Throwable FAILURE = new IllegalStateException("broken\nacross lines", new RuntimeException("the cause"));

  @Test
  @DisplayName("in text: timestamp, level, logger, message, fields, then the stack trace, all on one line")
  void textIsOneLine() {
    String line = LogFormat.named("text").format(record(Level.SEVERE, "Request GET /x\nfailed", FAILURE,
      LogFields.of("requestId", "abc").and("userAgent", "a \"quoted\" agent")));
    assertTrue(line.endsWith(System.lineSeparator()));
    String body = line.stripTrailing();
    assertEquals(-1, body.indexOf('\n'), body);
    assertEquals(-1, body.indexOf('\r'), body);
    assertTrue(body.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ERROR parley.test Request GET /x\\\\nfailed "
      + "requestId=abc userAgent=\"a \\\\\"quoted\\\\\" agent\" error=\"java.lang.IllegalStateException: broken\\\\nacross lines.*"), body);
    assertTrue(body.contains("\\n\\tat parley.log.LogFormatTest"), "the frames follow, escaped: " + body);
    assertTrue(body.contains("Caused by: java.lang.RuntimeException: the cause"), body);
  }

  @Test
  @DisplayName("in JSON: one object per line with the fields, the stack trace whole in error")
  void jsonIsOneObjectPerLine() {
    String line = LogFormat.named("JSON").format(record(Level.WARNING, "Refusing {0}", FAILURE,
      LogFields.of("connectionId", "c-1").and("status", 500)));
    assertEquals(1, line.lines().count(), line);
    JsonObject json = new JsonObject(line);
    assertTrue(json.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line);
    assertEquals("WARN", json.getString("level"));
    assertEquals("parley.test", json.getString("logger"));
    assertEquals("Refusing {0}", json.getString("message"), "the fields are not message parameters");
    assertEquals("c-1", json.getString("connectionId"));
    assertEquals(500, json.getInteger("status"));
    assertTrue(json.getString("error").startsWith("java.lang.IllegalStateException: broken\nacross lines\n\tat parley.log."), line);
    assertTrue(json.getString("error").contains("Caused by: java.lang.RuntimeException: the cause"), line);
  }

  @Test
  @DisplayName("names levels as operators' tools do, and fills in a library's message parameters")
  void levelsAndParameters() {
    assertEquals("ERROR", LogFormat.levelName(Level.SEVERE));
    assertEquals("WARN", LogFormat.levelName(Level.WARNING));
    assertEquals("INFO", LogFormat.levelName(Level.INFO));
    assertEquals("INFO", LogFormat.levelName(Level.CONFIG));
    assertEquals("DEBUG", LogFormat.levelName(Level.FINE));
    assertEquals("TRACE", LogFormat.levelName(Level.FINEST));
    LogRecord library = new LogRecord(Level.INFO, "Members {0}");
    library.setLoggerName("com.hazelcast.test");
    library.setParameters(new Object[] {3});
    assertTrue(LogFormat.named("text").format(library).contains(" INFO com.hazelcast.test Members 3"));
  }

  @Test
  @DisplayName("rejects a LOG_FORMAT other than text or json")
  void rejectsUnknownFormat() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LogFormat.named("xml"));
    assertTrue(error.getMessage().contains("LOG_FORMAT"), error.getMessage());
  }

  @Test
  @DisplayName("turns the bridge's \"SockJSSocket exception\" into debug and leaves its other errors alone")
  void sockJsNoiseIsDebug() {
    Logger bridge = Logger.getLogger(SockJsNoise.LOGGER);
    List<LogRecord> published = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        published.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    SockJsNoise.quiet();
    bridge.addHandler(capture);
    bridge.setUseParentHandlers(false);
    try {
      bridge.log(Level.SEVERE, SockJsNoise.MESSAGE, new java.io.IOException("Connection reset by peer"));
      bridge.log(Level.SEVERE, "Failed to handle a frame");
      assertEquals(List.of("Failed to handle a frame"), published.stream().map(LogRecord::getMessage).toList());
      assertEquals(Level.SEVERE, published.get(0).getLevel());

      published.clear();
      bridge.setLevel(Level.FINE);
      bridge.log(Level.SEVERE, SockJsNoise.MESSAGE, new java.io.IOException("Connection reset by peer"));
      assertEquals(1, published.size(), "seen once the operator asks for debug");
      assertEquals(Level.FINE, published.get(0).getLevel());
    } finally {
      bridge.removeHandler(capture);
      bridge.setUseParentHandlers(true);
      bridge.setLevel(null);
    }
  }

  private static LogRecord record(Level level, String message, Throwable thrown, LogFields fields) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName("parley.test");
    record.setThrown(thrown);
    record.setParameters(new Object[] {fields});
    return record;
  }
}
