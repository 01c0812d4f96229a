package parley.push;

import io.vertx.core.Future;

/** A push service: Web Push, or an Expo-compatible one. A send always completes, with what became of it. */
interface PushProvider {

  Future<PushOutcome> send(PushDelivery delivery);
}
