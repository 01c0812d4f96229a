package parley.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import parley.bus.Addresses;
import parley.db.DatabaseUrl;
import parley.role.Permissions;

/**
 * What the command line changes while a server runs, heard through PostgreSQL (LISTEN): a role given with
 * {@code admin promote} makes this node's permission caches forget that person's grant. Every node hears the
 * notice itself, so each tells only its own caches.
 */
final class OutsideChanges {

  private final PgSubscriber subscriber;

  private OutsideChanges(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Listening once the future completes; a database that cannot be listened to leaves the caches as they were. */
  static Future<OutsideChanges> listen(Vertx vertx, String databaseUrl) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, DatabaseUrl.parse(databaseUrl).connectOptions())
      .reconnectPolicy(retries -> 1000L);
    subscriber.channel(Permissions.DATABASE_CHANNEL).handler(payload -> vertx.eventBus()
      .publish(Addresses.PERMISSIONS_CHANGED, new JsonObject(payload), new DeliveryOptions().setLocalOnly(true)));
    return subscriber.connect().otherwiseEmpty().map(listening -> new OutsideChanges(subscriber));
  }

  Future<Void> close() {
    return subscriber.close();
  }
}
