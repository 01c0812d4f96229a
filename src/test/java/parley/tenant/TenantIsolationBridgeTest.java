package parley.tenant;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.bus.Addresses;
import parley.command.Command;
import parley.command.CommandRegistry;
import parley.testing.BridgeClient;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bridge request that takes an id, and every address with an id a client may register, tried by tenant B's
 * people with tenant A's ids: each is refused exactly as for an id that does not exist. Requests come from
 * {@link Addresses#PUBLIC_INBOUND} and addresses from the {@code *_REGEX} patterns the bridge permits, so a new one
 * without a case fails {@link #everyRequestHasACase()} or {@link #everyAddressHasACase()}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Tenant isolation over the bridge: another tenant's ids are refused as ids that do not exist")
class TenantIsolationBridgeTest {

  private static TestServer server;
  private static TwoTenants tenants;
  private static TenantRows rows;
  private static final Map<String, BridgeClient> CLIENTS = new LinkedHashMap<>();

  /** An id put in a request: what kind of id, and the body that carries it, for a caller of B. */
  record RequestCase(String label, String kind, BiFunction<TestUser, String, JsonObject> body) {
  }

  private static final Map<String, List<RequestCase>> REQUESTS = Map.ofEntries(
    Map.entry(Addresses.CHAT_SEND, List.of(
      new RequestCase("a message in A's room", "roomId", (caller, id) -> new JsonObject().put("roomId", id).put("content", "hello")),
      new RequestCase("a command in A's room", "roomId", (caller, id) -> new JsonObject().put("roomId", id).put("content", "/topic taken")),
      new RequestCase("a reply to A's message", "messageId", (caller, id) -> new JsonObject().put("roomId", tenants.bRoom)
        .put("content", "replying").put("replyTo", id)),
      new RequestCase("A's file attached", "fileId", (caller, id) -> new JsonObject().put("roomId", tenants.bRoom)
        .put("content", "attaching").put("attachments", new JsonArray().add(id))))),
    Map.entry(Addresses.CHAT_HISTORY, List.of(new RequestCase("A's room", "roomId", (caller, id) -> new JsonObject().put("roomId", id)))),
    Map.entry(Addresses.CHAT_SYNC, List.of(new RequestCase("A's room", "roomId",
      (caller, id) -> new JsonObject().put("cursors", new JsonObject().put(id, 0))))),
    Map.entry(Addresses.CHAT_TYPING, List.of(new RequestCase("A's room", "roomId",
      (caller, id) -> new JsonObject().put("roomId", id).put("typing", true)))),
    Map.entry(Addresses.CHAT_EDIT, List.of(new RequestCase("A's message", "messageId",
      (caller, id) -> new JsonObject().put("messageId", id).put("content", "changed")))),
    Map.entry(Addresses.CHAT_DELETE, List.of(new RequestCase("A's message", "messageId", (caller, id) -> new JsonObject().put("messageId", id)))),
    Map.entry(Addresses.CHAT_REACT, List.of(new RequestCase("A's message", "messageId",
      (caller, id) -> new JsonObject().put("messageId", id).put("emoji", "🎉")))),
    Map.entry(Addresses.CHAT_PIN, List.of(new RequestCase("A's message", "messageId",
      (caller, id) -> new JsonObject().put("messageId", id).put("pinned", true)))),
    Map.entry(Addresses.CHAT_READ, List.of(new RequestCase("A's room", "roomId", (caller, id) -> new JsonObject().put("roomId", id).put("seq", 1)))),
    Map.entry(Addresses.POLL_VOTE, List.of(new RequestCase("A's poll", "messageId",
      (caller, id) -> new JsonObject().put("messageId", id).put("optionIds", new JsonArray().add(2))))),
    Map.entry(Addresses.POLL_CLOSE, List.of(new RequestCase("A's poll", "messageId", (caller, id) -> new JsonObject().put("messageId", id)))),
    Map.entry(Addresses.PRESENCE_SET, List.of(new RequestCase("A's person put on vacation", "userId",
      (caller, id) -> new JsonObject().put("userId", id).put("state", "vacation").put("text", "away")))),
    Map.entry(Addresses.PRESENCE_WATCH, List.of(new RequestCase("A's person", "userId",
      (caller, id) -> new JsonObject().put("userIds", new JsonArray().add(id))))));

  /** Requests that take no id, and where what they answer is checked instead. */
  private static final Map<String, String> WITHOUT_IDS = Map.of(
    Addresses.PRESENCE_HEARTBEAT, "the caller's own connection",
    Addresses.PRESENCE_LIST, "lists nothing of A: presenceListShowsNothingOfA",
    Addresses.AUTH_TOKEN, "a token of A's person is refused: rejectsATokenOfAnotherTenant",
    Addresses.CHAT_SEARCH, "finds nothing of A by A's words, room names or usernames: TenantIsolationTest.searchesFindNothingOfA");

  /** Slash commands that name people, rooms or roles: the text typed in B's room, given a name of A's or of nobody. */
  private static final Map<String, List<Function<String, String>>> NAMING_COMMANDS = Map.of(
    "invite", List.of(name -> "/invite " + name),
    "kick", List.of(name -> "/kick " + name),
    "promote", List.of(name -> "/promote " + name + " moderator"),
    "deleteroom", List.of(name -> "/deleteroom #" + name));

  /** Commands that name nothing of anyone's, and what is checked of them instead. */
  private static final Map<String, String> COMMANDS_WITHOUT_NAMES = Map.of(
    "help", "shows nothing of A: commandsShowNothingOfA", "rooms", "shows nothing of A: commandsShowNothingOfA",
    "who", "shows nothing of A: commandsShowNothingOfA", "me", "the caller's own action", "poll", "a poll in the caller's room",
    "nick", "the caller's own name", "topic", "the caller's room", "createroom", "a new room of the caller's tenant");

  /** For each address a client may register, the kind of id in it. */
  private static final Map<String, String> REGISTRABLE = Map.of(
    Addresses.ROOM_REGEX, "roomId",
    Addresses.USER_REGEX, "userId",
    Addresses.TENANT_REGEX, "tenantId",
    Addresses.OPERATOR_PRESENCE_REGEX, "tenantId");

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, TwoTenants.settings());
    tenants = new TwoTenants(server);
    tenants.ids.put("tenantId", Map.of("tenant", "1"));
    tenants.missing.put("tenantId", "987654321");
    rows = new TenantRows(server);
    rows.awaitSettled(1);
    tenants.otherTenantCallers().forEach((who, caller) -> {
      CLIENTS.put(who, caller.connect());
      CLIENTS.get(who).register(Addresses.user(Long.parseLong(caller.id())));
    });
  }

  @AfterAll
  static void stop() {
    CLIENTS.values().forEach(BridgeClient::close);
  }

  /** The public patterns with an id in them, as the bridge's permitted list is built from them. */
  private static Set<String> registrablePatterns() throws IllegalAccessException {
    Set<String> patterns = new TreeSet<>();
    for (Field field : Addresses.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_REGEX") && !field.getName().equals("ID_REGEX")) {
        patterns.add((String) field.get(null));
      }
    }
    return patterns;
  }

  @Test
  @DisplayName("has a case for every public request, and no case for a request that is gone")
  void everyRequestHasACase() {
    Set<String> covered = new TreeSet<>(REQUESTS.keySet());
    covered.addAll(WITHOUT_IDS.keySet());
    assertEquals(new TreeSet<>(Addresses.PUBLIC_INBOUND), covered,
      "a public request without an isolation case: add it to REQUESTS, or to WITHOUT_IDS saying where it is checked");
  }

  @Test
  @DisplayName("has a case for every address a client may register")
  void everyAddressHasACase() throws IllegalAccessException {
    assertEquals(registrablePatterns(), new TreeSet<>(REGISTRABLE.keySet()),
      "a registrable address without an isolation case: add it to REGISTRABLE with the kind of id in it");
  }

  @TestFactory
  @DisplayName("rejects A's ids in every bridge request as ids that do not exist, and leaves A's data as it was")
  Stream<DynamicTest> requests() {
    return REQUESTS.entrySet().stream().flatMap(request -> request.getValue().stream().flatMap(requestCase ->
      CLIENTS.keySet().stream().flatMap(who -> tenants.ids.get(requestCase.kind()).entrySet().stream().map(id ->
        DynamicTest.dynamicTest(request.getKey() + ": " + requestCase.label() + " (" + id.getKey() + ") as " + who, () -> {
          TestUser caller = tenants.otherTenantCallers().get(who);
          Map<String, String> before = rows.of(1);
          JsonObject withAs = CLIENTS.get(who).requestFrame(request.getKey(), requestCase.body().apply(caller, id.getValue()), null);
          JsonObject withMissing = CLIENTS.get(who).requestFrame(request.getKey(),
            requestCase.body().apply(caller, tenants.missing.get(requestCase.kind())), null);
          String seen = "with A's id: " + withAs.encode() + "; with a missing id: " + withMissing.encode();
          assertEquals(withMissing.getString("type"), withAs.getString("type"), seen);
          assertEquals(withMissing.getInteger("failureCode"), withAs.getInteger("failureCode"), seen);
          assertEquals(withMissing.getString("message"), withAs.getString("message"), seen);
          assertEquals(answered(withMissing, tenants.missing.get(requestCase.kind())), answered(withAs, id.getValue()), seen);
          assertFalse(withAs.encode().toLowerCase().contains(TwoTenants.MARK), seen);
          assertEquals(before, rows.of(1), "A's data changed: " + seen);
          assertEquals(Map.of(), rows.mixed(), "rows join the two tenants: " + seen);
        })))));
  }

  /** A reply's body with the id asked about taken out, so that an answer about A's id and one about a missing id compare. */
  private static String answered(JsonObject frame, String id) {
    JsonObject body = frame.getJsonObject("body");
    return body == null ? null : body.encode().replace(id, "<id>");
  }

  /** The address a registrable pattern names with this id in it. */
  private static String address(String pattern, String id) {
    return pattern.replace(Addresses.ID_REGEX, id).replace("\\.", ".");
  }

  @TestFactory
  @DisplayName("rejects registering an address with A's id as one with an id that does not exist")
  Stream<DynamicTest> registrations() {
    return REGISTRABLE.entrySet().stream().flatMap(pattern -> CLIENTS.keySet().stream().flatMap(who ->
      tenants.ids.get(pattern.getValue()).entrySet().stream().map(id -> {
        return DynamicTest.dynamicTest(address(pattern.getKey(), "<" + id.getKey() + ">") + " as " + who, () -> {
          JsonObject withAs = CLIENTS.get(who).registerRefused(address(pattern.getKey(), id.getValue()));
          JsonObject withMissing = CLIENTS.get(who).registerRefused(address(pattern.getKey(), tenants.missing.get(pattern.getValue())));
          assertEquals(withMissing, withAs);
          assertEquals("rejected", withAs.getString("body"));
        });
      })));
  }

  @Test
  @DisplayName("delivers nothing of A's room to B's people who tried to register it")
  void refusedRegistrationsHearNothing() {
    for (BridgeClient client : CLIENTS.values()) {
      client.registerRefused(Addresses.room(Long.parseLong(tenants.publicRoom)));
    }
    try (BridgeClient alices = tenants.alice.connect(); BridgeClient bobs = tenants.bob.connect()) {
      bobs.register(Addresses.room(Long.parseLong(tenants.publicRoom)));
      alices.request("chat.send", new JsonObject().put("roomId", tenants.publicRoom).put("content", TwoTenants.MARK + " after the attempt"));
      bobs.next(Addresses.room(Long.parseLong(tenants.publicRoom)), "message.new");
    }
    CLIENTS.forEach((who, client) -> assertEquals(List.of(),
      client.drain(Addresses.room(Long.parseLong(tenants.publicRoom)), "message.new", Addresses.user(Long.parseLong(tenants.otherTenantCallers().get(who).id()))),
      who + " heard A's room"));
  }

  @Test
  @DisplayName("rejects B's token at A's host, however it is handed over, and A's token at B's host: no connection opens")
  void tokenAtAnotherTenantsHost() {
    TestUser stray = tenants.bAtAsHost();
    for (BridgeClient.Auth auth : List.of(BridgeClient.Auth.bearer(stray.token), BridgeClient.Auth.cookie(stray.token),
      BridgeClient.Auth.query(stray.token))) {
      assertNotNull(BridgeClient.refusal(server, auth, null, "localhost"), "B's token opened a connection at A's host");
    }
    TestUser alice = new TestUser(server, tenants.alice.user, tenants.alice.token, tenants.bMember.host);
    assertNotNull(BridgeClient.refusal(server, BridgeClient.Auth.bearer(alice.token), null, alice.host),
      "A's token opened a connection at B's host");
    tenants.alice.connect().close();
  }

  @Test
  @DisplayName("rejects a presence watch of A's people: B hears none of their changes")
  void presenceWatchAcrossTenants() {
    TestUser watcher = tenants.bMember;
    String own = Addresses.user(Long.parseLong(watcher.id()));
    try (BridgeClient watching = watcher.connect()) {
      watching.register(own);
      JsonArray answered = watching.request(Addresses.PRESENCE_WATCH, new JsonObject().put("userIds",
        new JsonArray().add(tenants.alice.id()).add(tenants.bob.id()))).getJsonArray("users");
      answered.forEach(user -> assertEquals("offline", ((JsonObject) user).getString("state"), answered.encode()));
      try (BridgeClient bobs = tenants.bob.connect(); BridgeClient alices = tenants.alice.connect()) {
        String alicesAddress = Addresses.user(Long.parseLong(tenants.alice.id()));
        alices.register(alicesAddress);
        alices.request(Addresses.PRESENCE_WATCH, new JsonObject().put("userIds", new JsonArray().add(tenants.bob.id())));
        String text = TwoTenants.MARK + " away " + System.nanoTime();
        bobs.request(Addresses.PRESENCE_SET, new JsonObject().put("state", "dnd").put("text", text));
        // A's own watcher hears it: the change was announced, so B's would have heard it too had it leaked.
        while (!alices.next(alicesAddress, "presence.changed").encode().contains(text)) {
          // an earlier change of bob's
        }
      }
      assertEquals(List.of(), watching.drain(own, "presence.changed", own), "B heard A's presence");
    }
  }

  @Test
  @DisplayName("lists nothing of A in presence.list, nor in a sync of every room")
  void presenceListShowsNothingOfA() {
    CLIENTS.forEach((who, client) -> {
      JsonObject list = client.request(Addresses.PRESENCE_LIST, new JsonObject());
      Set<String> listed = list.getJsonArray("users").stream().map(user -> ((JsonObject) user).getString("userId")).collect(Collectors.toSet());
      assertEquals(Set.of(tenants.bMember.id(), tenants.bSuperadmin.id()), listed, who + ": " + list.encode());
      JsonObject cursors = new JsonObject();
      tenants.ids.get("roomId").values().forEach(room -> cursors.put(room, 0));
      assertEquals(new JsonObject(), client.request(Addresses.CHAT_SYNC, new JsonObject().put("cursors", cursors)).getJsonObject("rooms"), who);
    });
  }

  @Test
  @DisplayName("rejects a token of A's person handed to B's connection, as a token of A's host is everywhere at B's, and the connection stays B's")
  void rejectsATokenOfAnotherTenant() {
    try (BridgeClient client = tenants.bMember.connect()) {
      JsonObject frame = client.requestFrame(Addresses.AUTH_TOKEN, new JsonObject().put("token", tenants.alice.token), null);
      assertEquals("err", frame.getString("type"), frame.encode());
      assertEquals(401, frame.getInteger("failureCode"), frame.encode());
      assertEquals("unauthenticated", frame.getString("message"), frame.encode());
      assertEquals("err", client.requestFrame(Addresses.CHAT_HISTORY, new JsonObject().put("roomId", tenants.publicRoom), null).getString("type"));
      assertTrue(client.request(Addresses.PRESENCE_LIST, new JsonObject()).getJsonArray("users").stream()
        .noneMatch(user -> ((JsonObject) user).getString("userId").equals(tenants.alice.id())));
    }
  }

  @Test
  @DisplayName("rejects a mention of A's person by B's: no mention stored, none told, none counted")
  void mentionsAcrossTenants() {
    String alicesAddress = Addresses.user(Long.parseLong(tenants.alice.id()));
    try (BridgeClient alices = tenants.alice.connect()) {
      alices.register(alicesAddress);
      for (TestUser caller : tenants.otherTenantCallers().values()) {
        try (BridgeClient client = caller.connect()) {
          JsonObject message = client.request(Addresses.CHAT_SEND, new JsonObject().put("roomId", tenants.bRoom)
            .put("content", "hey @" + tenants.alice.username() + " and @" + tenants.bob.username() + " and @room")).getJsonObject("message");
          assertEquals(new JsonArray(), message.getJsonArray("mentions"), message.encode());
          assertEquals("{}", server.queryOne("SELECT coalesce(mentions::text, '{}') FROM messages WHERE id = ?", Long.parseLong(message.getString("id"))));
        }
      }
      assertEquals(List.of(), alices.drain(alicesAddress, "mention.new", alicesAddress), "A's person was told of B's mention");
    }
    assertTrue(tenants.alice.get("/api/rooms").bodyAsJsonObject().getJsonArray("rooms").stream()
      .allMatch(room -> ((JsonObject) room).getInteger("mentions") == 0 || ((JsonObject) room).getString("id").equals(tenants.publicRoom)));
  }

  @Test
  @DisplayName("rejects a DM or a group with A's person: no conversation made, none told")
  void conversationsAcrossTenants() {
    String bobsAddress = Addresses.user(Long.parseLong(tenants.bob.id()));
    try (BridgeClient bobs = tenants.bob.connect()) {
      bobs.register(bobsAddress);
      for (TestUser caller : tenants.otherTenantCallers().values()) {
        assertEquals(404, caller.post("/api/dms", new JsonObject().put("userId", tenants.bob.id())).statusCode());
        assertEquals(404, caller.post("/api/groups", new JsonObject().put("userIds", new JsonArray().add(tenants.bob.id())
          .add(caller == tenants.bMember ? tenants.bSuperadmin.id() : tenants.bMember.id()))).statusCode());
      }
      assertEquals(List.of(), bobs.drain(bobsAddress, "conversation.created", bobsAddress));
    }
  }

  @Test
  @DisplayName("has a case for every slash command")
  void everyCommandHasACase() {
    Set<String> covered = new TreeSet<>(NAMING_COMMANDS.keySet());
    covered.addAll(COMMANDS_WITHOUT_NAMES.keySet());
    assertEquals(CommandRegistry.ALL.stream().map(Command::name).collect(Collectors.toCollection(TreeSet::new)), covered,
      "a command without an isolation case: add it to NAMING_COMMANDS, or to COMMANDS_WITHOUT_NAMES saying why");
  }

  @TestFactory
  @DisplayName("rejects slash commands naming A's people, rooms and roles as names of nobody, and leaves A's data as it was")
  Stream<DynamicTest> commands() {
    Map<String, String> aNames = Map.of("A's member", tenants.bob.username(), "A's superadmin", tenants.alice.username(),
      "A's public room", TwoTenants.MARK + "-public", "A's private room", TwoTenants.MARK + "-private");
    return NAMING_COMMANDS.entrySet().stream().flatMap(command -> command.getValue().stream().flatMap(typed ->
      CLIENTS.keySet().stream().flatMap(who -> aNames.entrySet().stream().map(name ->
        DynamicTest.dynamicTest("/" + command.getKey() + " " + name.getKey() + " as " + who, () -> {
          Map<String, String> before = rows.of(1);
          JsonObject withA = CLIENTS.get(who).requestFrame(Addresses.CHAT_SEND,
            new JsonObject().put("roomId", tenants.bRoom).put("content", typed.apply(name.getValue())), null);
          JsonObject withNobody = CLIENTS.get(who).requestFrame(Addresses.CHAT_SEND,
            new JsonObject().put("roomId", tenants.bRoom).put("content", typed.apply("nobody_here")), null);
          String seen = "naming A's: " + withA.encode() + "; naming nobody: " + withNobody.encode();
          assertEquals(withNobody.getString("type"), withA.getString("type"), seen);
          assertEquals(withNobody.getString("message"), withA.getString("message"), seen);
          assertEquals(answered(withNobody, "nobody_here"), answered(withA, name.getValue()), seen);
          assertEquals(before, rows.of(1), "A's data changed: " + seen);
          assertEquals(Map.of(), rows.mixed(), "rows join the two tenants: " + seen);
        })))));
  }

  @Test
  @DisplayName("shows nothing of A in the answers of /help, /rooms and /who")
  void commandsShowNothingOfA() {
    CLIENTS.forEach((who, client) -> {
      for (String typed : List.of("/help", "/rooms", "/who")) {
        JsonObject answer = client.request(Addresses.CHAT_SEND, new JsonObject().put("roomId", tenants.bRoom).put("content", typed));
        assertFalse(answer.encode().toLowerCase().contains(TwoTenants.MARK), who + " " + typed + ": " + answer.encode());
      }
    });
  }

  @Test
  @DisplayName("rejects B's announcement to everyone reaching A's people: none told, none listed")
  void announcementToEveryoneStaysHome() {
    String bobsAddress = Addresses.user(Long.parseLong(tenants.bob.id()));
    String before = tenants.bob.get("/api/announcements").bodyAsString();
    try (BridgeClient bobs = tenants.bob.connect()) {
      bobs.register(bobsAddress);
      var sent = tenants.bSuperadmin.post("/api/announcements", new JsonObject().put("title", "Beta for all").put("body", "Everyone")
        .put("audience", new JsonObject().put("all", true)));
      assertEquals(201, sent.statusCode(), sent.bodyAsString());
      assertEquals(1, sent.bodyAsJsonObject().getInteger("recipients"), sent.bodyAsString());
      assertEquals(List.of(), bobs.drain(bobsAddress, "announcement.new", bobsAddress), "A's person was told of B's announcement");
    }
    assertEquals(before, tenants.bob.get("/api/announcements").bodyAsString());
  }

  /** A check of the checks: the same requests with B's own ids succeed, so a refusal above is the id's doing. */
  @Test
  @DisplayName("allows the same requests with B's own ids")
  void ownIdsWork() {
    try (BridgeClient client = tenants.bMember.connect()) {
      JsonObject message = client.request(Addresses.CHAT_SEND, new JsonObject().put("roomId", tenants.bRoom).put("content", "ours"))
        .getJsonObject("message");
      List<String> answered = new ArrayList<>();
      for (String address : List.of(Addresses.CHAT_HISTORY, Addresses.CHAT_TYPING, Addresses.CHAT_READ)) {
        JsonObject body = REQUESTS.get(address).get(0).body().apply(tenants.bMember, tenants.bRoom);
        answered.add(client.requestFrame(address, body, null).getString("type"));
      }
      for (String address : List.of(Addresses.CHAT_REACT, Addresses.CHAT_EDIT)) {
        answered.add(client.requestFrame(address, REQUESTS.get(address).get(0).body().apply(tenants.bMember, message.getString("id")), null)
          .getString("type"));
      }
      assertEquals(Arrays.asList("rec", "rec", "rec", "rec", "rec"), answered);
      client.register(Addresses.room(Long.parseLong(tenants.bRoom)));
      client.register(Addresses.tenant(tenants.tenantB));
    }
  }
}
