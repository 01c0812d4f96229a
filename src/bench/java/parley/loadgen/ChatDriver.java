package parley.loadgen;

import io.vertx.core.json.JsonObject;

/**
 * What drives steady chat on a population: the sockets in this JVM ({@link SteadyChat}) or in a Node.js process of
 * their own ({@link NodeChat}). Either way one run reports the same fields, the server's CPU over the measured window
 * among them ({@link MeasuredWindow}).
 */
interface ChatDriver extends AutoCloseable {

  /**
   * Blocking: {@code rate} messages a second, round the rooms and round each room's members, for {@code warmupSeconds}
   * and then the measured {@code seconds}; {@code profile}: a file for a profile of the server over the measured
   * window, or null.
   */
  JsonObject run(int rate, int warmupSeconds, int seconds, String profile) throws Exception;

  @Override
  default void close() throws Exception {
  }
}
