package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Answers of the setup requests a target makes over HTTP (people, rooms, joins). */
final class SetupReplies {

  private SetupReplies() {
  }

  /** The answer's JSON body when it has the expected status; otherwise a failure naming the status and the body. */
  static Future<JsonObject> expect(Future<HttpResponse<Buffer>> request, int status) {
    return request.compose(response -> response.statusCode() == status ? Future.succeededFuture(response.bodyAsJsonObject())
      : Future.failedFuture(response.statusCode() + " " + response.bodyAsString()));
  }
}
