package parley.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import parley.bus.Services;
import parley.config.AppConfig;
import parley.db.Pools;
import parley.role.Permissions;
import parley.shutdown.Draining;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every feature verticle shares: its settings, the shared connection pool, permission checks, and its
 * request/reply addresses, whose registrations its start waits for.
 */
public abstract class ServiceVerticle extends VerticleBase {

  protected AppConfig settings;
  protected Pool pool;
  protected Permissions permissions;
  private Draining draining;
  private final List<Future<?>> registrations = new ArrayList<>();

  @Override
  public final Future<?> start() {
    settings = AppConfig.fromJson(config());
    pool = Pools.shared(vertx, settings);
    permissions = new Permissions(vertx, pool);
    draining = Draining.of(vertx);
    serveAll();
    return Future.all(registrations);
  }

  /** Binds this verticle's addresses with {@link #serve}. */
  protected abstract void serveAll();

  protected final void serve(String address, Function<Message<Object>, Future<?>> handler) {
    registrations.add(Services.serve(vertx.eventBus(), address, handler, draining::answered).completion());
  }

  /** Binds an address whose answers are built for their reply alone and go to it uncopied ({@link Services#serveAsIs}). */
  protected final void serveAsIs(String address, Function<Message<Object>, Future<JsonObject>> handler) {
    registrations.add(Services.serveAsIs(vertx.eventBus(), address, handler, draining::answered).completion());
  }

  /** Something else the start waits for: a key loaded, a listener connected. */
  protected final void startsAfter(Future<?> step) {
    registrations.add(step);
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }
}
