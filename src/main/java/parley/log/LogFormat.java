package parley.log;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every log record on one line (LOG_FORMAT): {@code text}, a line for people, or {@code json}, one JSON object per line
 * with {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code message}, the record's
 * {@link LogFields} ({@code requestId}, {@code connectionId}, …) and {@code error}, a throwable's whole stack trace.
 * In text the fields follow as {@code key=value}, and line breaks in the message or stack trace are written as
 * {@code \n}, so no record spans two lines.
 */
public final class LogFormat extends Formatter {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
    .withZone(ZoneOffset.UTC);
  private static final Pattern BARE = Pattern.compile("[^\\s\"=\\\\]+");

  /** The format {@link #install} made current; text until then. */
  private static volatile LogFormat installed = new LogFormat(false);

  private final boolean json;

  private LogFormat(boolean json) {
    this.json = json;
  }

  /** {@code text} or {@code json}, in any case; anything else is an {@link IllegalArgumentException}. */
  public static LogFormat named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> new LogFormat(false);
      case "json" -> new LogFormat(true);
      default -> throw new IllegalArgumentException("Setting LOG_FORMAT has an invalid value: " + name + " (text or json)");
    };
  }

  /**
   * Makes every handler of the root logger (the console, unless a logging configuration file set others) write in
   * this format, and quiets {@link SockJsNoise}. Called first thing at start, before Vert.x, Hazelcast or Liquibase log.
   */
  public void install() {
    Logger root = Logger.getLogger("");
    if (root.getHandlers().length == 0) {
      root.addHandler(new ConsoleHandler());
    }
    for (Handler handler : root.getHandlers()) {
      handler.setFormatter(this);
      if (handler instanceof ConsoleHandler) {
        try {
          handler.setEncoding(StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException cannotHappen) {
          throw new IllegalStateException(cannotHappen);
        }
      }
    }
    SockJsNoise.quiet();
    installed = this;
  }

  /**
   * A line written straight to stderr in the installed format (text before {@link #install}), for what is said
   * before logging is set up, or while java.util.logging shuts down: it closes its handlers in a shutdown hook of its
   * own, so a stopping server cannot log through them.
   */
  public static void printDirect(System.Logger.Level level, Class<?> source, String message) {
    LogRecord record = new LogRecord(level == System.Logger.Level.ERROR ? Level.SEVERE
      : level == System.Logger.Level.WARNING ? Level.WARNING : Level.INFO, message);
    record.setLoggerName(source.getName());
    System.err.print(installed.format(record));
    System.err.flush();
  }

  @Override
  public String format(LogRecord record) {
    String level = levelName(record.getLevel());
    String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
    String message = message(record);
    LogFields fields = LogFields.in(record);
    Map<String, Object> values = fields == null ? Map.of() : fields.values();
    String error = record.getThrown() == null ? null : stackTrace(record.getThrown());
    StringBuilder line = new StringBuilder(160);
    if (json) {
      JsonObject object = new JsonObject()
        .put("timestamp", TIMESTAMP.format(record.getInstant()))
        .put("level", level)
        .put("logger", logger)
        .put("message", message);
      values.forEach(object::put);
      if (error != null) {
        object.put("error", error);
      }
      line.append(object.encode());
    } else {
      line.append(TIMESTAMP.format(record.getInstant())).append(' ').append(level).append(' ').append(logger).append(' ');
      escape(message, line);
      values.forEach((key, value) -> field(line, key, String.valueOf(value)));
      if (error != null) {
        field(line, "error", error);
      }
    }
    return line.append(System.lineSeparator()).toString();
  }

  /** The message with its parameters filled in; {@link LogFields} are not message parameters. */
  private String message(LogRecord record) {
    Object[] parameters = record.getParameters();
    boolean onlyFields = parameters == null || parameters.length == 1 && parameters[0] instanceof LogFields;
    String message = onlyFields && record.getResourceBundle() == null ? record.getMessage() : formatMessage(record);
    return message == null ? "" : message;
  }

  /** The names operators' tools expect, for java.util.logging's levels and those between them. */
  static String levelName(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (value >= Level.CONFIG.intValue()) {
      return "INFO";
    }
    return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return trace.toString().stripTrailing();
  }

  private static void field(StringBuilder line, String key, String value) {
    line.append(' ').append(key).append('=');
    if (BARE.matcher(value).matches()) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else {
        escape(c, line);
      }
    }
    line.append('"');
  }

  private static void escape(String text, StringBuilder line) {
    for (int i = 0; i < text.length(); i++) {
      escape(text.charAt(i), line);
    }
  }

  private static void escape(char c, StringBuilder line) {
    switch (c) {
      case '\n' -> line.append("\\n");
      case '\r' -> line.append("\\r");
      case '\t' -> line.append("\\t");
      default -> line.append(c);
    }
  }
}
