package parley.log;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * vertx-web's bridge logs "SockJSSocket exception" as an error, with a stack trace, for every client whose connection
 * drops without a close (a closed laptop, a lost network): no fault of the server's. That one message is re-levelled
 * to debug; the bridge's other errors keep their level.
 */
final class SockJsNoise implements Filter {

  static final String LOGGER = "io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl";
  static final String MESSAGE = "SockJSSocket exception";

  /** Held so that the filter is not lost when the logger is collected. */
  private static final Logger BRIDGE_LOG = Logger.getLogger(LOGGER);

  private SockJsNoise() {
  }

  static void quiet() {
    BRIDGE_LOG.setFilter(new SockJsNoise());
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (MESSAGE.equals(record.getMessage()) && record.getLevel().intValue() > Level.FINE.intValue()) {
      record.setLevel(Level.FINE);
      return BRIDGE_LOG.isLoggable(Level.FINE);
    }
    return true;
  }
}
