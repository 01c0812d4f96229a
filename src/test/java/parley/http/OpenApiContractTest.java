package parley.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.BridgeClient;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs every operation of docs/openapi.yaml once against a real server, as a caller who may (with real rooms,
 * messages, files, roles, invites and announcements), and checks each answer against the document: its status is
 * one the operation lists, and its body matches that status's schema. A few refusals check the error answers too.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("docs/openapi.yaml against the running server")
class OpenApiContractTest {

  private static final String OPERATOR_PASSWORD = "the contract's operator password";

  private static TestServer server;
  private static OpenApiCheck check;
  private static TestUser admin;
  private static TestUser bob;
  private static TestUser carol;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("PLATFORM_ADMIN_PASSWORD", OPERATOR_PASSWORD));
    check = OpenApiCheck.load(vertx);
    admin = server.register("admin");
    bob = server.register("bob");
    carol = server.register("carol");
  }

  @Test
  @DisplayName("every documented operation answers as documented")
  void everyOperation() {
    List<String> failures = new ArrayList<>();
    Calls calls = new Calls(failures);
    calls.run();
    assertEquals(List.of(), failures);
    Set<String> missed = new TreeSet<>(check.operationKeys());
    missed.removeAll(calls.covered);
    assertEquals(Set.of(), missed, "documented operations the test did not call");
  }

  /** The calls, in an order where each finds what it needs (a room, a message, a file) made by one before it. */
  private static final class Calls {

    private final List<String> failures;
    private final Set<String> covered = new TreeSet<>();

    Calls(List<String> failures) {
      this.failures = failures;
    }

    void run() {
      publicRoutes();
      auth();
      rooms();
      roles();
      users();
      invites();
      announcements();
      push();
      files();
      platform();
      refusals();
    }

    private void publicRoutes() {
      JsonObject served = call(null, "GET", "/api/openapi.json", null);
      if (!served.equals(asWritten())) {
        failures.add("GET /api/openapi.json is not docs/openapi.yaml as written");
      }
      JsonObject registered = call(null, "POST", "/api/auth/register", new JsonObject()
        .put("username", "dora").put("password", TestUser.PASSWORD).put("displayName", "Dora"));
      call(null, "POST", "/api/auth/login", new JsonObject().put("username", "dora").put("password", TestUser.PASSWORD));
      TestUser dora = new TestUser(server, registered.getJsonObject("user"), registered.getString("token"));
      call(dora, "POST", "/api/auth/logout", null);
      // Without OIDC_ISSUER: SingleSignOnTest goes the whole way with a provider.
      call(null, "GET", "/api/auth/providers", null);
      call(null, "GET", "/api/auth/oidc/start", null);
      call(null, "GET", "/api/auth/oidc/callback?code=c&state=s", null);
    }

    private void auth() {
      call(admin, "GET", "/api/auth/me", null);
      TestUser again = server.login(admin);
      JsonArray sessions = call(admin, "GET", "/api/auth/sessions", null).getJsonArray("sessions");
      String other = sessions.stream().map(JsonObject.class::cast).filter(s -> !s.getBoolean("current"))
        .findFirst().orElseThrow().getString("id");
      call(again, "DELETE", "/api/auth/sessions/" + other, null);
      TestUser erin = server.register("erin");
      call(erin, "POST", "/api/auth/password", new JsonObject().put("current", TestUser.PASSWORD).put("new", "another fine password"));
      call(erin, "POST", "/api/auth/logout-everywhere", null);
    }

    private String room;
    private String message;

    private void rooms() {
      call(bob, "GET", "/api/rooms", null);
      call(bob, "GET", "/api/rooms/browse", null);
      room = call(admin, "POST", "/api/rooms", new JsonObject().put("name", "plans").put("description", "What comes next"))
        .getJsonObject("room").getString("id");
      String doomed = admin.createRoom("doomed");
      call(admin, "PATCH", "/api/rooms/" + room, new JsonObject().put("topic", "Release day"));
      call(bob, "POST", "/api/rooms/" + room + "/join", null);
      bob.join(doomed);
      call(bob, "POST", "/api/rooms/" + doomed + "/leave", null);
      call(admin, "DELETE", "/api/rooms/" + doomed, null);
      call(admin, "POST", "/api/rooms/" + room + "/members", new JsonObject().put("userId", carol.id()));
      call(bob, "GET", "/api/rooms/" + room + "/members", null);
      call(admin, "DELETE", "/api/rooms/" + room + "/members/" + carol.id(), null);
      try (BridgeClient bridge = admin.connect()) {
        message = bridge.request("chat.send", new JsonObject().put("roomId", room).put("content", "hello @" + bob.username()))
          .getJsonObject("message").getString("id");
      }
      try (BridgeClient bridge = bob.connect()) {
        bridge.request("chat.read", new JsonObject().put("roomId", room).put("seq", 1));
      }
      call(bob, "GET", "/api/rooms/" + room + "/messages?limit=10", null);
      call(bob, "GET", "/api/search?q=hello&limit=5", null);
      call(bob, "GET", "/api/rooms/" + room + "/pins", null);
      call(bob, "GET", "/api/rooms/" + room + "/messages/" + message, null);
      call(admin, "GET", "/api/rooms/" + room + "/messages/" + message + "/readers", null);
      call(bob, "POST", "/api/dms", new JsonObject().put("userId", carol.id()));
      call(bob, "POST", "/api/groups", new JsonObject().put("userIds", new JsonArray().add(carol.id()).add(admin.id())).put("name", "trio"));
    }

    private void roles() {
      call(bob, "GET", "/api/roles", null);
      String role = call(admin, "POST", "/api/roles", new JsonObject().put("name", "helper").put("rank", 20)
        .put("permissions", new JsonArray().add("send_messages"))).getJsonObject("role").getString("id");
      call(admin, "PATCH", "/api/roles/" + role, new JsonObject().put("rank", 30));
      call(admin, "PATCH", "/api/users/" + carol.id() + "/role", new JsonObject().put("roleId", role));
      call(admin, "DELETE", "/api/roles/" + role, null);
    }

    private String resetCode;

    private void users() {
      call(bob, "GET", "/api/users", null);
      call(bob, "GET", "/api/users/me/permissions", null);
      call(bob, "PATCH", "/api/users/" + bob.id() + "/display-name", new JsonObject().put("displayName", "Bob B."));
      TestUser leaver = server.register("leaver");
      String url = call(admin, "POST", "/api/users/" + leaver.id() + "/password-reset", null)
        .getJsonObject("reset").getString("path");
      resetCode = url.substring(url.indexOf("reset=") + "reset=".length());
      call(null, "GET", "/api/auth/reset/" + resetCode, null);
      call(null, "POST", "/api/auth/reset", new JsonObject().put("code", resetCode).put("password", "a brand new password"));
      call(admin, "POST", "/api/users/" + leaver.id() + "/deactivate", null);
      call(admin, "POST", "/api/users/" + leaver.id() + "/reactivate", null);
      call(bob, "GET", "/api/commands", null);
    }

    private void invites() {
      String code = call(admin, "POST", "/api/invites", new JsonObject().put("label", "newcomers").put("maxUses", 5))
        .getJsonObject("invite").getString("code");
      call(admin, "GET", "/api/invites", null);
      call(null, "GET", "/api/auth/invite/" + code, null);
      call(admin, "DELETE", "/api/invites/" + code, null);
    }

    private void announcements() {
      String id = call(admin, "POST", "/api/announcements", new JsonObject().put("title", "Maintenance")
        .put("body", "Tonight at ten.").put("requireAck", true).put("audience", new JsonObject().put("all", true)))
        .getJsonObject("announcement").getString("id");
      call(bob, "GET", "/api/announcements", null);
      call(admin, "GET", "/api/announcements/sent", null);
      call(bob, "GET", "/api/announcements/" + id, null);
      call(bob, "POST", "/api/announcements/" + id + "/read", null);
      call(bob, "POST", "/api/announcements/" + id + "/ack", null);
      call(bob, "POST", "/api/announcements/" + id + "/reactions", new JsonObject().put("emoji", "👍"));
      call(admin, "GET", "/api/announcements/" + id + "/stats", null);
      call(admin, "DELETE", "/api/announcements/" + id, null);
    }

    private void push() {
      call(bob, "GET", "/api/push/vapid-public-key", null);
      String id = call(bob, "POST", "/api/push/subscriptions", new JsonObject().put("kind", "expo")
        .put("token", "ExponentPushToken[contract-" + bob.id() + "]")).getJsonObject("subscription").getString("id");
      call(bob, "GET", "/api/push/subscriptions", null);
      call(bob, "GET", "/api/push/settings", null);
      call(bob, "PATCH", "/api/push/settings", new JsonObject().put("level", "all").put("previews", false));
      call(bob, "POST", "/api/push/rooms/" + room, new JsonObject().put("muted", true));
      call(bob, "GET", "/api/push/deliveries", null);
      call(admin, "GET", "/api/admin/push", null);
      call(bob, "DELETE", "/api/push/subscriptions/" + id, null);
    }

    private void files() {
      HttpResponse<Buffer> uploaded = bob.request(HttpMethod.POST, "/api/files").sendMultipartForm(MultipartForm.create()
        .binaryFileUpload("file", "plan.png", TestImages.image(800, 600, "png"), "image/png")).await();
      String id = check("POST", "/api/files", uploaded).getJsonObject("file").getString("id");
      call(bob, "GET", "/api/files/" + id, null);
      call(bob, "GET", "/api/files/" + id + "/thumbnail", null);
      call(admin, "GET", "/api/tenant/export", null);
      call(admin, "GET", "/api/tenant/exports", null);
      call(admin, "GET", "/api/tenant/settings", null);
      call(admin, "PATCH", "/api/tenant/settings", new JsonObject().put("retentionDays", 365)
        .put("widgetOrigins", new JsonArray().add("https://shop.example")));
      call(admin, "PATCH", "/api/tenant/settings", new JsonObject().put("retentionDays", null).put("widgetOrigins", null));
    }

    /** As the platform's operator, on an organisation made here. */
    private void platform() {
      String token = call(null, "POST", "/api/platform/auth/login", new JsonObject().put("username", "admin")
        .put("password", OPERATOR_PASSWORD)).getString("token");
      TestUser operator = new TestUser(server, new JsonObject(), token);
      String id = call(operator, "POST", "/api/platform/tenants", new JsonObject().put("slug", "contract").put("name", "Contract")
        .put("domains", new JsonArray().add("contract.example")).put("settings", new JsonObject().put("maxUploadBytes", 1_000_000)))
        .getJsonObject("tenant").getString("id");
      call(operator, "PATCH", "/api/platform/tenants/" + id, new JsonObject().put("name", "Contract Ltd")
        .put("settings", new JsonObject().put("storageQuotaBytes", 10_000_000).put("maxUploadBytes", null)));
      call(operator, "PATCH", "/api/platform/tenants/" + id, new JsonObject().put("settings", new JsonObject().put("retentionDays", -1)));
      call(operator, "GET", "/api/platform/tenants", null);
      call(operator, "GET", "/api/platform/tenants/" + id + "/export", null);
      call(operator, "POST", "/api/platform/tenants", new JsonObject().put("slug", "contract").put("name", "Again"));
      call(operator, "POST", "/api/platform/tenants", new JsonObject().put("slug", "www").put("name", "Reserved"));
      call(operator, "PATCH", "/api/platform/tenants/999999", new JsonObject().put("name", "Nobody"));
    }

    private void refusals() {
      call(null, "GET", "/api/rooms", null);
      call(bob, "GET", "/api/invites", null);
      call(bob, "GET", "/api/rooms/999999/members", null);
      call(bob, "POST", "/api/rooms", new JsonObject().put("name", "mine"));
      call(admin, "POST", "/api/rooms", new JsonObject().put("name", "plans"));
      call(admin, "POST", "/api/rooms", new JsonObject().put("name", "two words"));
      call(null, "POST", "/api/auth/login", new JsonObject().put("username", bob.username()).put("password", "not the password"));
      call(bob, "GET", "/api/files/00000000-0000-0000-0000-000000000000", null);
      call(bob, "GET", "/api/tenant/export", null);
      call(null, "POST", "/api/platform/auth/login", new JsonObject().put("username", "nobody").put("password", "not a password"));
      call(null, "POST", "/api/platform/auth/logout", null);
      call(bob, "GET", "/api/platform/tenants", null);
      call(bob, "GET", "/api/platform/tenants/1/people", null);
      call(bob, "GET", "/api/platform/tenants/1/rooms", null);
      call(bob, "POST", "/api/platform/tenants/1/suspend", null);
      call(bob, "POST", "/api/platform/tenants/1/resume", null);
      call(bob, "DELETE", "/api/platform/tenants/1", null);
      call(bob, "POST", "/api/platform/tenants", new JsonObject().put("slug", "mine").put("name", "Mine"));
      call(bob, "PATCH", "/api/platform/tenants/1", new JsonObject().put("name", "Mine"));
      call(bob, "GET", "/api/platform/tenants/1/export", null);
      // AUTH_MODE local: there is no provider to make them (their answers with one: ProviderAdminTest).
      call(admin, "POST", "/api/idp/users/someone/deactivate", null);
      call(null, "POST", "/api/idp/users/someone/reactivate", null);
      call(null, "POST", "/api/idp/users/someone/vacation", new JsonObject());
      call(null, "DELETE", "/api/idp/users/someone/vacation", null);
    }

    /** docs/openapi.yaml, parsed here on its own. */
    private static JsonObject asWritten() {
      try {
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Path.of("docs/openapi.yaml")));
        return new JsonObject(new JsonObject(yaml).encode());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private JsonObject call(TestUser as, String method, String path, JsonObject body) {
      HttpRequest<Buffer> request = as == null
        ? server.http.request(HttpMethod.valueOf(method), path)
        : as.request(HttpMethod.valueOf(method), path);
      HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
      return check(method, path, response);
    }

    private JsonObject check(String method, String path, HttpResponse<Buffer> response) {
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      OpenApiCheck.Result result = check.validate(HttpMethod.valueOf(method), bare, response);
      if (result.operationKey() != null) {
        covered.add(result.operationKey());
      }
      if (result.problem() != null) {
        failures.add(method + " " + path + " → " + response.statusCode() + ": " + result.problem());
      }
      String type = response.getHeader("Content-Type");
      return type != null && type.startsWith("application/json") ? new JsonObject(response.body()) : new JsonObject();
    }
  }
}
