package parley.push;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Web Push service and an Expo-compatible one on 127.0.0.1, for the tests (allow-listed with PUSH_ALLOWED_ORIGINS).
 * Web Push: {@code POST /push/<device>}, answered 201 unless a reply was scripted for the device, or not answered
 * at all while the device hangs. Expo: {@code POST /expo/send} and {@code /expo/receipts}, with errors scripted
 * per token and per ticket. Everything received is kept, in order.
 */
final class FakePushService implements AutoCloseable {

  record Received(String path, MultiMap headers, Buffer body, long at) {
  }

  record Reply(int status, String retryAfter) {
  }

  /** A browser's subscription: its keys, as the test's browser holds them. */
  record Device(String name, String endpoint, KeyPair keys, byte[] auth) {

    JsonObject subscription() {
      return new JsonObject().put("kind", "webpush").put("endpoint", endpoint).put("keys", new JsonObject()
        .put("p256dh", Base64Url.encode(P256.uncompressed((java.security.interfaces.ECPublicKey) keys.getPublic())))
        .put("auth", Base64Url.encode(auth)));
    }

    JsonObject decrypt(Received received) throws Exception {
      return new JsonObject(Buffer.buffer(UserAgentDecryption.decrypt(received.body().getBytes(), keys, auth)));
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  final Set<String> hanging = ConcurrentHashMap.newKeySet();
  /** How long each Web Push answer takes, as a busy service's would. */
  volatile long delayMillis;
  final Map<String, String> expoTokenErrors = new ConcurrentHashMap<>();
  final Map<String, String> expoReceiptErrors = new ConcurrentHashMap<>();
  private final AtomicInteger tickets = new AtomicInteger();
  private final HttpServer server;
  private final Vertx vertx;

  private FakePushService(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static FakePushService start(Vertx vertx) {
    FakePushService[] holder = new FakePushService[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> holder[0].handle(request));
    holder[0] = new FakePushService(vertx, server);
    server.listen(0, "127.0.0.1").await();
    return holder[0];
  }

  String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  Device device(String name) {
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    return new Device(name, origin() + "/push/" + name, P256.generateKeyPair(), auth);
  }

  String expoSendUrl() {
    return origin() + "/expo/send";
  }

  String expoReceiptsUrl() {
    return origin() + "/expo/receipts";
  }

  void script(String device, Reply... replies) {
    scripts.put("/push/" + device, new ArrayDeque<>(List.of(replies)));
  }

  List<Received> to(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  List<Received> toDevice(Device device) {
    return to("/push/" + device.name());
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Received got = new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body,
        System.currentTimeMillis());
      received.add(got);
      if (request.path().startsWith("/push/")) {
        if (hanging.contains(request.path())) {
          return;
        }
        Deque<Reply> script = scripts.get(request.path());
        Reply reply = script == null || script.isEmpty() ? new Reply(201, null) : script.poll();
        if (reply.retryAfter() != null) {
          request.response().putHeader("Retry-After", reply.retryAfter());
        }
        Runnable answer = () -> request.response().setStatusCode(reply.status()).putHeader("Location", "/messages/" + received.size()).end();
        if (delayMillis > 0) {
          vertx.setTimer(delayMillis, timer -> answer.run());
        } else {
          answer.run();
        }
      } else if (request.path().equals("/expo/send")) {
        JsonObject message = body.toJsonArray().getJsonObject(0);
        String error = expoTokenErrors.get(message.getString("to"));
        JsonObject ticket = error == null ? new JsonObject().put("status", "ok").put("id", "ticket-" + tickets.incrementAndGet())
          : new JsonObject().put("status", "error").put("message", "said no").put("details", new JsonObject().put("error", error));
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("data", new JsonArray().add(ticket)).encode());
      } else if (request.path().equals("/expo/receipts")) {
        JsonObject data = new JsonObject();
        body.toJsonObject().getJsonArray("ids").forEach(id -> {
          String error = expoReceiptErrors.get((String) id);
          data.put((String) id, error == null ? new JsonObject().put("status", "ok")
            : new JsonObject().put("status", "error").put("message", "receipt said no").put("details", new JsonObject().put("error", error)));
        });
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("data", data).encode());
      } else {
        request.response().setStatusCode(404).end();
      }
    });
  }

  @Override
  public void close() {
    server.close().await();
  }
}
