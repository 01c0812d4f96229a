package parley.loadgen;

import io.vertx.core.json.JsonObject;

/**
 * The server's resident memory (RSS) before the population connects and with everyone connected and in their room;
 * the difference per connection is comparable between a JVM and Node.js, since both are read from /proc.
 */
record ResidentMemory(long beforeConnecting, long connected) {

  JsonObject toJson(int connections) {
    boolean known = beforeConnecting > 0 && connected > 0 && connections > 0;
    return new JsonObject().put("serverRssBytes", connected > 0 ? connected : null)
      .put("rssPerConnectionBytes", known ? (connected - beforeConnecting) / connections : null);
  }
}
