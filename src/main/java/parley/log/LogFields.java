package parley.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a log line is about besides its message (a request's id, a bridge connection's), kept apart from the message so
 * that {@link LogFormat} writes them as fields of their own. They travel as the record's parameter, never through a
 * thread-local: the event loop serves many requests at once.
 */
public final class LogFields {

  /** Looked up once per name (the access log writes a line per request), and held, so a level set on one stays. */
  private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();

  private final Map<String, Object> values = new LinkedHashMap<>();

  private LogFields() {
  }

  /** A field; a null value is left out, so a caller need not check whether an id is known. */
  public static LogFields of(String key, Object value) {
    return new LogFields().and(key, value);
  }

  public LogFields and(String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
    return this;
  }

  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  public void log(System.Logger logger, System.Logger.Level level, String message) {
    log(logger, level, message, null);
  }

  /** Logs through {@code logger}'s java.util.logging logger, which is what backs {@link System.Logger} here. */
  public void log(System.Logger logger, System.Logger.Level level, String message, Throwable thrown) {
    Logger jul = LOGGERS.computeIfAbsent(logger.getName(), name -> Logger.getLogger(name));
    Level julLevel = julLevel(level);
    if (!jul.isLoggable(julLevel)) {
      return;
    }
    LogRecord record = new LogRecord(julLevel, message);
    record.setLoggerName(jul.getName());
    record.setParameters(new Object[] {this});
    record.setThrown(thrown);
    jul.log(record);
  }

  /** The fields a record carries, or none. */
  static LogFields in(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (Object parameter : parameters) {
        if (parameter instanceof LogFields fields) {
          return fields;
        }
      }
    }
    return null;
  }

  private static Level julLevel(System.Logger.Level level) {
    return switch (level) {
      case ALL -> Level.ALL;
      case TRACE -> Level.FINER;
      case DEBUG -> Level.FINE;
      case INFO -> Level.INFO;
      case WARNING -> Level.WARNING;
      case ERROR -> Level.SEVERE;
      case OFF -> Level.OFF;
    };
  }
}
