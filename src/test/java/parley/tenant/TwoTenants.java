package parley.tenant;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import parley.testing.BridgeClient;
import parley.testing.TestImages;
import parley.testing.TestServer;
import parley.testing.TestUser;
import parley.testing.Uploads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two organisations on one server. Tenant A (the default) is full of data, each thing of it named with
 * {@link #MARK} so that a list leaking it is easy to see; tenant B has a member and a superadmin, who try A's ids.
 * A's ids are kept by what the routes call them ({@code roomId}, {@code messageId}, …), several for some (a public
 * room, a private one, a DM), and {@link #missing} has one id of each kind that names nothing at all.
 */
final class TwoTenants {

  /** The server's JWT_SECRET, so that B's tokens can be minted: B has no sign-in of its own yet. */
  static final String JWT_SECRET = "a secret for minting tenant B's tokens, 32 bytes or more";
  /** B's people are signed in at {@code <B's slug>.localtest}; A, the default tenant, at localhost. */
  static final String BASE_DOMAIN = "localtest";
  /** In the name or text of everything of A's that a list could show. */
  static final String MARK = "acme";

  final TestServer server;
  final TestUser alice;
  final TestUser bob;
  final long tenantB;
  final TestUser bMember;
  final TestUser bSuperadmin;
  /** A room of B's, with both of B's people in it: where B's people use A's ids in a body. */
  final String bRoom;
  /** A's ids by the name routes give them, each under a label saying which thing it is. */
  final Map<String, Map<String, String>> ids = new LinkedHashMap<>();
  /** For each kind of id, one that names nothing in any tenant. */
  final Map<String, String> missing = new LinkedHashMap<>();
  final String publicRoom;
  final String privateRoom;
  final String dm;
  final String message;
  final String poll;
  final String looseFile;

  TwoTenants(TestServer server) {
    this.server = server;
    alice = server.register(MARK + "_alice", "Acme Alice");
    bob = server.register(MARK + "_bob", "Acme Bob");
    String general = alice.generalRoomId();
    publicRoom = alice.createRoom(MARK + "-public", bob);
    HttpResponse<Buffer> madePrivate = alice.post("/api/rooms", new JsonObject().put("name", MARK + "-private").put("private", true));
    assertEquals(201, madePrivate.statusCode(), madePrivate.bodyAsString());
    privateRoom = madePrivate.bodyAsJsonObject().getJsonObject("room").getString("id");
    assertEquals(200, alice.post("/api/rooms/" + privateRoom + "/members", new JsonObject().put("userId", bob.id())).statusCode());
    dm = alice.post("/api/dms", new JsonObject().put("userId", bob.id())).bodyAsJsonObject().getJsonObject("room").getString("id");

    String attached = Uploads.uploaded(alice, MARK + "-attached.png", TestImages.image(64, 48, "png")).getString("id");
    looseFile = Uploads.uploaded(alice, MARK + "-loose.png", TestImages.image(64, 48, "png")).getString("id");
    try (BridgeClient alices = alice.connect(); BridgeClient bobs = bob.connect()) {
      message = alices.request("chat.send", new JsonObject().put("roomId", publicRoom).put("content", MARK + " plans @" + bob.username())
        .put("attachments", new JsonArray().add(attached))).getJsonObject("message").getString("id");
      bobs.request("chat.send", new JsonObject().put("roomId", publicRoom).put("content", MARK + " reply").put("replyTo", message));
      bobs.request("chat.react", new JsonObject().put("messageId", message).put("emoji", "👍"));
      poll = alices.request("chat.send", new JsonObject().put("roomId", publicRoom).put("poll", new JsonObject()
        .put("question", MARK + " lunch?").put("options", new JsonArray().add("Yes").add("No")))).getJsonObject("message").getString("id");
      bobs.request("poll.vote", new JsonObject().put("messageId", poll).put("optionIds", new JsonArray().add(1)));
      bobs.request("chat.send", new JsonObject().put("roomId", dm).put("content", MARK + " private word"));
      bobs.request("chat.read", new JsonObject().put("roomId", publicRoom).put("seq", 2));
      alices.request("presence.set", new JsonObject().put("state", "dnd").put("text", MARK + " busy"));
    }
    String announcement = created(alice.post("/api/announcements", new JsonObject().put("title", MARK + " notice")
      .put("body", MARK + " for all").put("audience", new JsonObject().put("all", true)).put("requireAck", true)), "announcement");
    String role = created(alice.post("/api/roles", new JsonObject().put("name", MARK + " role").put("rank", 10)
      .put("permissions", new JsonArray().add("send_messages"))), "role");
    String invite = alice.post("/api/invites", new JsonObject().put("label", MARK + " invite")).bodyAsJsonObject()
      .getJsonObject("invite").getString("code");
    String gone = alice.post("/api/invites", new JsonObject()).bodyAsJsonObject().getJsonObject("invite").getString("code");
    assertEquals(200, alice.delete("/api/invites/" + gone).statusCode());
    String subscription = created(bob.post("/api/push/subscriptions", new JsonObject().put("kind", "expo")
      .put("token", "ExponentPushToken[" + MARK + "-bob]")), "subscription");
    assertEquals(200, bob.post("/api/push/rooms/" + publicRoom, new JsonObject().put("muted", true)).statusCode());
    assertEquals(201, alice.post("/api/users/" + bob.id() + "/password-reset", new JsonObject()).statusCode());
    TestUser alicesPhone = server.login(alice);
    String session = alicesPhone.get("/api/auth/sessions").bodyAsJsonObject().getJsonArray("sessions").stream()
      .map(JsonObject.class::cast).filter(each -> each.getBoolean("current")).findFirst().orElseThrow().getString("id");

    put("roomId", "public room", publicRoom);
    put("roomId", "private room", privateRoom);
    put("roomId", "DM", dm);
    put("roomId", "default room", general);
    put("userId", "member", bob.id());
    put("userId", "superadmin", alice.id());
    put("messageId", "message", message);
    put("messageId", "poll", poll);
    put("fileId", "attached file", attached);
    put("fileId", "unattached file", looseFile);
    put("announcementId", "announcement", announcement);
    put("roleId", "custom role", role);
    put("roleId", "member role", roleIdOf(alice, "member"));
    put("code", "invite", invite);
    put("subscriptionId", "push subscription", subscription);
    put("sessionId", "session", session);
    for (String kind : List.of("roomId", "userId", "messageId", "announcementId", "roleId", "subscriptionId")) {
      missing.put(kind, "987654321");
    }
    missing.put("fileId", UUID.randomUUID().toString());
    missing.put("code", gone);
    missing.put("sessionId", UUID.randomUUID().toString());

    TestServer.Stranger stranger = server.strangerElsewhere("beta");
    tenantB = Long.parseLong(stranger.tenantId());
    String chief = server.queryOne("INSERT INTO users (tenant_id, username, display_name, password_hash, role_id) "
      + "SELECT ?, 'chief', 'Chief', 'x', id FROM roles WHERE tenant_id = ? AND name = 'superadmin' RETURNING id", tenantB, tenantB);
    bMember = signedIn(server, JWT_SECRET, tenantB, stranger.userId(), "stranger");
    bSuperadmin = signedIn(server, JWT_SECRET, tenantB, chief, "chief");
    bRoom = bSuperadmin.createRoom("beta-room", bMember);
  }

  private void put(String kind, String label, String id) {
    ids.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(label, id);
  }

  /** A's first id of a kind: the public room, the member, the message. */
  String first(String kind) {
    return ids.get(kind).values().iterator().next();
  }

  /**
   * The people of B who try A's ids, by how they are described in test names. The third caller of issue 21, someone
   * signed in through B's own host name (host-name tenancy), belongs here as a third entry once B can have a host:
   * every isolation case then runs for it too.
   */
  Map<String, TestUser> otherTenantCallers() {
    Map<String, TestUser> callers = new LinkedHashMap<>();
    callers.put("B's member", bMember);
    callers.put("B's superadmin", bSuperadmin);
    return callers;
  }

  /** B's superadmin's token taken to A's host (localhost): a token works at its own tenant's hosts only. */
  TestUser bAtAsHost() {
    return new TestUser(server, bSuperadmin.user, bSuperadmin.token, null);
  }

  private static String created(HttpResponse<Buffer> response, String field) {
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject(field).getString("id");
  }

  private static String roleIdOf(TestUser user, String name) {
    return user.get("/api/roles").bodyAsJsonObject().getJsonArray("roles").stream().map(JsonObject.class::cast)
      .filter(role -> role.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
  }

  /** Someone of another tenant signed in there: a session of theirs, and a token naming it, as a sign-in would make. */
  static TestUser signedIn(TestServer server, String jwtSecret, long tenant, String userId, String username) {
    String session = UUID.randomUUID().toString();
    server.queryOne("INSERT INTO sessions (id, tenant_id, user_id, expires_at) VALUES (?::uuid, ?, ?, now() + interval '1 hour') RETURNING id",
      session, tenant, Long.parseLong(userId));
    JWTAuth signer = JWTAuth.create(server.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(jwtSecret)));
    String token = signer.generateToken(new JsonObject().put("sub", userId).put("tid", Long.toString(tenant)).put("jti", session),
      new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(60));
    String slug = server.queryOne("SELECT slug FROM tenants WHERE id = ?", tenant);
    return new TestUser(server, new JsonObject().put("id", userId).put("username", username), token, slug + "." + BASE_DOMAIN);
  }

  /** A server's settings for these tests: B's tokens can be minted, and B is at {@code beta.localtest}. */
  static JsonObject settings() {
    return new JsonObject().put("JWT_SECRET", JWT_SECRET).put("TENANT_BASE_DOMAIN", BASE_DOMAIN);
  }

  /** A request as {@code user}, with {@code body} when not null. */
  static HttpResponse<Buffer> call(TestUser user, HttpMethod method, String path, JsonObject body) {
    var request = user.request(method, path);
    return body == null ? request.send().await() : request.sendJsonObject(body).await();
  }
}
