package parley.push;

import io.vertx.core.Future;
import io.vertx.pgclient.pubsub.PgSubscriber;
import parley.bus.Addresses;
import parley.bus.Caller;
import parley.bus.Services;
import parley.db.DatabaseUrl;
import parley.metrics.ParleyMetrics;
import parley.service.ServiceVerticle;

import java.util.List;
import java.util.Map;

/**
 * The push queue: what is new for people with no live connection goes into the outbox ({@link PushEnqueue}), and
 * this verticle's worker sends it, woken by LISTEN/NOTIFY and, should a notification be lost, every few seconds.
 * Every node runs one; they share the outbox safely. Retries back off from 1 s to 1 h, a device reported gone is
 * forgotten, and after 24 h an item is given up.
 */
public class PushQueueVerticle extends ServiceVerticle {

  static final int BATCH = 20;
  /** Deliveries under way at once: a push service that hangs holds its own, not the whole queue. */
  static final int MAX_IN_FLIGHT = 64;
  private static final long CLEAN_UP_EVERY_MS = 3_600_000;

  private Map<String, PushProvider> providers;
  private ExpoProvider expo;
  private PgSubscriber subscriber;
  private long pollMillis;
  private boolean claiming;
  private boolean again;
  private int inFlight;
  private long wakeTimer = -1;
  private PushResults results;

  @Override
  protected void serveAll() {
    DeviceOwners owners = new DeviceOwners(pool);
    PushEnqueue enqueue = new PushEnqueue(vertx, pool, owners);
    ParleyMetrics metrics = ParleyMetrics.of(vertx);
    results = new PushResults(metrics);
    serve(Addresses.PUSH_MESSAGE, message -> enqueue.message(Caller.tenantOf(message), Services.body(message)));
    serve(Addresses.PUSH_ANNOUNCEMENT, message -> enqueue.announcement(Caller.tenantOf(message), Services.body(message)));
    pollMillis = settings.pushPollSeconds() * 1000L;
    expo = new ExpoProvider(vertx, settings.expoPushUrl(), settings.expoReceiptsUrl(), settings.expoAccessToken());
    PushEndpoints endpoints = new PushEndpoints(vertx, settings.pushAllowedOrigins());
    Future<VapidKeys> vapid = ServerKeys.vapid(vertx, pool, settings).onSuccess(keys -> providers = Map.of(
      "webpush", new WebPushProvider(vertx, endpoints, keys, ServerKeys.subject(settings)), "expo", expo));
    subscriber = PgSubscriber.subscriber(vertx, DatabaseUrl.parse(settings.databaseUrl()).connectOptions())
      .reconnectPolicy(retries -> 1000L);
    subscriber.channel(Outbox.CHANNEL).handler(payload -> drain());
    subscriber.channel(DeviceOwners.CHANNEL).handler(owners::added);
    // Without the listener the poll still finds the work, only later; a database that does not answer fails the start elsewhere.
    startsAfter(vapid.compose(keys -> subscriber.connect()
      // Only a node that hears of new devices may pass over rooms whose members have none.
      .onSuccess(listening -> {
        owners.reload();
        vertx.setPeriodic(DeviceOwners.RELOAD_EVERY_MS, tick -> owners.reload());
      })
      .otherwiseEmpty()).onSuccess(ready -> {
      vertx.setPeriodic(pollMillis, tick -> drain());
      long receiptEvery = Math.max(1000, Math.min(60_000, settings.pushReceiptDelaySeconds() * 250L));
      vertx.setPeriodic(receiptEvery, tick -> receipts());
      vertx.setPeriodic(CLEAN_UP_EVERY_MS, tick -> Outbox.cleanUp(pool));
      OutboxDepth.start(vertx, pool, metrics);
      drain();
    }));
  }

  /**
   * Claims small batches while there is room in flight and work is due; one claim at a time, and an ask meanwhile
   * claims again. Deliveries are not waited for as a batch: each frees its place when it is recorded.
   */
  private void drain() {
    int room = Math.min(BATCH, MAX_IN_FLIGHT - inFlight);
    if (claiming || room <= 0) {
      again = true;
      return;
    }
    claiming = true;
    again = false;
    Outbox.claim(pool, room, settings.pushClaimSeconds()).onComplete(claimed -> {
      claiming = false;
      List<PushDelivery> batch = claimed.succeeded() ? claimed.result() : List.of();
      batch.forEach(this::deliver);
      if (again || batch.size() == room) {
        drain();
      } else {
        planWake();
      }
    });
  }

  private void deliver(PushDelivery delivery) {
    inFlight++;
    providers.get(delivery.provider()).send(delivery)
      .onSuccess(outcome -> results.count(delivery.provider(), outcome))
      .compose(outcome -> record(delivery, outcome))
      .onComplete(recorded -> {
        inFlight--;
        if (again) {
          drain();
        }
      });
  }

  private Future<Void> record(PushDelivery delivery, PushOutcome outcome) {
    if (outcome instanceof PushOutcome.Sent sent) {
      return Outbox.sent(pool, delivery.rowId(), sent);
    }
    if (outcome instanceof PushOutcome.Retry retry) {
      return Outbox.retry(pool, delivery.rowId(), Backoff.delay(delivery.attempts(), retry.retryAfterMillis()), retry.status(),
        retry.error());
    }
    if (outcome instanceof PushOutcome.Gone gone) {
      return Outbox.failed(pool, delivery.rowId(), gone.status(), "device gone: " + gone.error())
        .compose(failed -> Devices.forgetGone(pool, delivery.subscriptionId())).mapEmpty();
    }
    PushOutcome.Failed failed = (PushOutcome.Failed) outcome;
    return Outbox.failed(pool, delivery.rowId(), failed.status(), failed.error());
  }

  /** Wakes the worker when the next retry (or a claim that ran out) is due, if that is sooner than the next poll. */
  private void planWake() {
    Outbox.nextDue(pool).onSuccess(wait -> {
      if (wakeTimer != -1) {
        vertx.cancelTimer(wakeTimer);
        wakeTimer = -1;
      }
      if (wait != null && wait < pollMillis) {
        wakeTimer = vertx.setTimer(Math.max(1, wait.longValue() + 1), timer -> {
          wakeTimer = -1;
          drain();
        });
      }
    });
  }

  /** Expo tickets older than PUSH_RECEIPT_DELAY_SECONDS: an error in their receipt fails the row, or forgets the device. */
  private void receipts() {
    Outbox.receiptsDue(pool, settings.pushReceiptDelaySeconds(), 1000).onSuccess(tickets -> {
      if (tickets.isEmpty()) {
        return;
      }
      expo.receipts(tickets.stream().map(Outbox.Ticket::ticket).toList())
        .onSuccess(receipts -> tickets.forEach(ticket -> {
          ExpoProvider.Receipt receipt = receipts.get(ticket.ticket());
          if (receipt == null) {
            Outbox.receiptUnchecked(pool, ticket.rowId());
          } else if (!receipt.ok()) {
            Outbox.failed(pool, ticket.rowId(), 200, "receipt: " + receipt.error() + " " + receipt.message())
              .compose(failed -> ExpoProvider.DEVICE_NOT_REGISTERED.equals(receipt.error()) && ticket.subscriptionId() != null
                ? Devices.forgetGone(pool, ticket.subscriptionId()) : Future.succeededFuture());
          }
        }))
        .onFailure(failure -> tickets.forEach(ticket -> Outbox.receiptUnchecked(pool, ticket.rowId())));
    });
  }

  @Override
  public Future<?> stop() {
    return subscriber.close().compose(closed -> super.stop());
  }
}
