package parley.service;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.function.Supplier;

/**
 * One object per Vert.x instance, shared by all of its verticles and event loops: per node, not per JVM, since
 * tests run several nodes in one JVM. Verticles that race to make it all get the one that was kept.
 */
public final class NodeLocal {

  private static final String MAP = "parley.nodeLocal";

  private NodeLocal() {
  }

  @SuppressWarnings("unchecked")
  public static <T extends Shareable> T of(Vertx vertx, String name, Supplier<T> create) {
    LocalMap<String, Shareable> map = vertx.sharedData().getLocalMap(MAP);
    Shareable existing = map.get(name);
    if (existing != null) {
      return (T) existing;
    }
    T fresh = create.get();
    Shareable raced = map.putIfAbsent(name, fresh);
    return raced != null ? (T) raced : fresh;
  }
}
