package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * docs/openapi.yaml (on the classpath as {@value #RESOURCE}), served as JSON at {@value #PATH}, public. It is read once
 * per Vert.x instance, however many HTTP verticles ask, on a worker thread, and checked by vertx-openapi's contract
 * loader before the server listens: a document that is not valid OpenAPI stops the start.
 */
public final class OpenApiDocument {

  public static final String PATH = "/api/openapi.json";
  public static final String RESOURCE = "parley/openapi.yaml";

  private static final Map<Vertx, Future<Buffer>> LOADED = Collections.synchronizedMap(new WeakHashMap<>());

  private OpenApiDocument() {
  }

  static Future<Buffer> load(Vertx vertx) {
    return LOADED.computeIfAbsent(vertx, owner -> owner.executeBlocking(OpenApiDocument::read)
      // The loader rewrites what it is given (absolute $refs), so it checks a copy and the document is served as written.
      .compose(document -> OpenAPIContract.from(owner, document.copy()).map(valid -> document.toBuffer())));
  }

  private static JsonObject read() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new JsonObject(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void serve(RoutingContext ctx, Future<Buffer> document) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(document.result());
  }
}
