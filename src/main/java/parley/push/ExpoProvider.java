package parley.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Expo-compatible push service (EXPO_PUSH_URL): a message posted per device answers with a ticket, and the
 * receipt for the ticket (EXPO_RECEIPTS_URL, asked for later) says whether the phone's push service took it.
 */
final class ExpoProvider implements PushProvider {

  static final String DEVICE_NOT_REGISTERED = "DeviceNotRegistered";
  private static final long TIMEOUT_MS = 10_000;

  /** A receipt: {@code ok}, or the error Expo names ({@code DeviceNotRegistered}, {@code MessageTooBig}, …). */
  record Receipt(boolean ok, String error, String message) {
  }

  private final HttpClient http;
  private final String pushUrl;
  private final String receiptsUrl;
  private final String accessToken;

  ExpoProvider(Vertx vertx, String pushUrl, String receiptsUrl, String accessToken) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS).setIdleTimeout(30));
    this.pushUrl = pushUrl;
    this.receiptsUrl = receiptsUrl;
    this.accessToken = accessToken;
  }

  @Override
  public Future<PushOutcome> send(PushDelivery delivery) {
    JsonObject payload = delivery.payload();
    JsonObject message = new JsonObject().put("to", delivery.endpoint()).put("title", payload.getString("title"))
      .put("body", payload.getString("body")).put("sound", "default").put("ttl", WebPushProvider.TTL_SECONDS)
      .put("priority", "high".equals(payload.getString("urgency")) ? "high" : "default")
      .put("data", payload);
    return post(pushUrl, new JsonArray().add(message).toBuffer())
      .map(this::outcome)
      .otherwise(failure -> new PushOutcome.Retry(0, null, "no answer: " + failure.getMessage()));
  }

  private PushOutcome outcome(Answer answer) {
    int status = answer.response().statusCode();
    if (status != 200) {
      String said = status + " " + Responses.excerpt(answer.body());
      return Responses.retryable(status)
        ? new PushOutcome.Retry(status, Responses.retryAfterMillis(answer.response().getHeader("Retry-After")), said)
        : new PushOutcome.Failed(status, said);
    }
    JsonObject ticket;
    try {
      ticket = answer.body().toJsonObject().getJsonArray("data").getJsonObject(0);
    } catch (DecodeException | ClassCastException | NullPointerException | IndexOutOfBoundsException unreadable) {
      return new PushOutcome.Retry(status, null, "unreadable answer: " + Responses.excerpt(answer.body()));
    }
    if ("ok".equals(ticket.getString("status"))) {
      return new PushOutcome.Sent(status, ticket.getString("id"));
    }
    String error = ticket.getJsonObject("details", new JsonObject()).getString("error", "");
    String said = error + ": " + ticket.getString("message", "");
    return switch (error) {
      case DEVICE_NOT_REGISTERED -> new PushOutcome.Gone(status, said);
      case "MessageRateExceeded" -> new PushOutcome.Retry(status, null, said);
      default -> new PushOutcome.Failed(status, said);
    };
  }

  /** The receipts of up to 1,000 tickets; a ticket Expo does not know yet is left out. */
  Future<Map<String, Receipt>> receipts(List<String> ticketIds) {
    JsonObject request = new JsonObject().put("ids", new JsonArray(ticketIds));
    return post(receiptsUrl, request.toBuffer()).compose(answer -> {
      if (answer.response().statusCode() != 200) {
        return Future.failedFuture("receipts: " + answer.response().statusCode() + " " + Responses.excerpt(answer.body()));
      }
      Map<String, Receipt> receipts = new HashMap<>();
      JsonObject data = answer.body().toJsonObject().getJsonObject("data", new JsonObject());
      for (String id : data.fieldNames()) {
        JsonObject receipt = data.getJsonObject(id);
        receipts.put(id, new Receipt("ok".equals(receipt.getString("status")),
          receipt.getJsonObject("details", new JsonObject()).getString("error", ""), receipt.getString("message", "")));
      }
      return Future.succeededFuture(receipts);
    });
  }

  private record Answer(HttpClientResponse response, Buffer body) {
  }

  private Future<Answer> post(String url, Buffer json) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(TIMEOUT_MS)
      .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
    if (!accessToken.isBlank()) {
      options.putHeader("Authorization", "Bearer " + accessToken);
    }
    return http.request(options).compose(request -> request.send(json))
      .compose(response -> response.body().map(body -> new Answer(response, body)));
  }
}
