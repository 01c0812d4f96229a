package parley.push;

import io.vertx.core.json.JsonObject;

/**
 * One claimed outbox row: the device ({@code endpoint} is a Web Push URL or an Expo token; the keys are Web Push's)
 * and what to show. {@code itemKey} names the item, the same for every device, so a push sent again replaces the
 * first rather than showing twice.
 */
record PushDelivery(long rowId, long subscriptionId, String provider, String endpoint, String p256dh, String auth,
                    String itemKey, JsonObject payload, int attempts) {
}
