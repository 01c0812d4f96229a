package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** docs/openapi.yaml as vertx-openapi loads it (checking the document itself), and answers checked against it. */
public final class OpenApiCheck {

  /** Which operation a request was, as {@code METHOD /path/{param}} (null when none), and what is wrong, if anything. */
  public record Result(String operationKey, String problem) {
  }

  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private OpenApiCheck(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, contract);
  }

  public static OpenApiCheck load(Vertx vertx) {
    return new OpenApiCheck(vertx, OpenAPIContract.from(vertx, OpenApiDocument.RESOURCE).await());
  }

  OpenAPIContract contract() {
    return contract;
  }

  /** Every operation of the document, as {@code METHOD /path/{param}}. */
  Set<String> operationKeys() {
    Set<String> keys = new TreeSet<>();
    contract.operations().forEach(operation -> keys.add(key(operation)));
    return keys;
  }

  static String key(Operation operation) {
    return operation.getHttpMethod().name() + " " + operation.getOpenAPIPath();
  }

  /**
   * Checks an answer against the operation the request matches: its status must be listed (and
   * a refusal's slug with it), and its body match. A body that is not JSON (a file's bytes) is checked
   * as the document's {@code application/octet-stream}: the schema can only say that it is bytes.
   */
  public Result validate(HttpMethod method, String path, HttpResponse<Buffer> response) {
    Operation operation = contract.findOperation(path, method);
    if (operation == null) {
      return new Result(null, "no documented operation");
    }
    if (operation.getResponse(response.statusCode()) == null) {
      // "default" documents what any route may answer (internal_error, unavailable); a test's answers are all listed.
      return new Result(key(operation), "status " + response.statusCode() + " is not listed");
    }
    String type = response.getHeader("Content-Type");
    boolean json = type != null && type.startsWith("application/json");
    String checkedType = json ? "application/json" : type == null ? null : "application/octet-stream";
    if (json && response.statusCode() >= 400) {
      String slug = new JsonObject(response.body()).getString("error");
      String listed = operation.getResponse(response.statusCode()).getOpenAPIModel().getString("description", "");
      if (!listed.contains("`" + slug + "`")) {
        return new Result(key(operation), "the slug " + slug + " is not listed for " + response.statusCode());
      }
    }
    ValidatableResponse answer = ValidatableResponse.create(response.statusCode(), Map.of(), response.body(), checkedType);
    try {
      validator.validate(answer, operation.getOperationId()).await();
      return new Result(key(operation), null);
    } catch (RuntimeException e) {
      return new Result(key(operation), e.getMessage());
    }
  }
}
