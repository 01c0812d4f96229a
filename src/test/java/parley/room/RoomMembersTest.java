package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.bus.Caller;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@ExtendWith(VertxExtension.class)
@DisplayName("RoomMembers: a node's memory of who is in which room")
class RoomMembersTest {

  private static TestServer server;
  private static Pool sql;
  private static TestUser admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    sql = PgBuilder.pool().connectingTo(server.database.connectOptions()).using(server.vertx).build();
    admin = server.register("admin");
  }

  /** A memory of its own, hearing the server's events, that notes the rooms of each read. */
  private static RoomMembers fresh(List<Set<Long>> reads) {
    RoomMembers members = new RoomMembers(server.vertx);
    members.known.afterRead = roomIds -> {
      reads.add(roomIds);
      return Future.succeededFuture();
    };
    members.listen();
    members.listening().await();
    return members;
  }

  private static long id(String id) {
    return Long.parseLong(id);
  }

  private static long id(TestUser user) {
    return Long.parseLong(user.id());
  }

  private static Caller caller(TestUser user) {
    return new Caller(id(user), 1);
  }

  private static Access access(RoomMembers members, TestUser user, String room) {
    return members.access(sql, caller(user), id(room)).await();
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 5000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        fail("never: " + what);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  @DisplayName("reads a room it does not know once, with all its members, and answers members from memory after")
  void readsOnce() {
    TestUser bob = server.register("bob");
    String room = admin.createRoom("read-once", bob);
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = fresh(reads);

    assertEquals(Access.MEMBER, access(members, bob, room));
    assertEquals(Access.MEMBER, access(members, admin, room));
    assertEquals(List.of(Set.of(id(room))), reads);
    assertEquals(Set.of(id(admin), id(bob)), members.known.members(id(room)));
  }

  @Test
  @DisplayName("tells who is in a room, read once, and nothing of a room of another tenant")
  void membersOfARoom() {
    TestUser ivan = server.register("ivan");
    String room = admin.createRoom("who-is-in", ivan);
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = fresh(reads);

    assertEquals(Set.of(id(admin), id(ivan)), members.members(sql, 1, id(room)).await());
    assertEquals(Set.of(id(admin), id(ivan)), members.members(sql, 1, id(room)).await());
    assertEquals(List.of(Set.of(id(room))), reads);
    assertNull(members.members(sql, 2, id(room)).await(), "another tenant's question gets no answer");
  }

  @Test
  @DisplayName("a join heard makes a member; a leave, a kick and a deletion heard each end it")
  void keptCurrentByEvents() {
    TestUser carol = server.register("carol");
    TestUser dave = server.register("dave");
    TestUser erin = server.register("erin");
    String room = admin.createRoom("events", dave, erin);
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = fresh(reads);
    assertEquals(Access.NOT_MEMBER, access(members, carol, room));

    carol.join(room);
    eventually(() -> members.known.members(id(room)).contains(id(carol)), "carol's join heard");
    assertEquals(Access.MEMBER, access(members, carol, room));

    assertEquals(200, dave.post("/api/rooms/" + room + "/leave", new JsonObject()).statusCode());
    eventually(() -> !members.known.members(id(room)).contains(id(dave)), "dave's leave heard");
    assertEquals(Access.NOT_MEMBER, access(members, dave, room));

    assertEquals(200, admin.delete("/api/rooms/" + room + "/members/" + erin.id()).statusCode());
    eventually(() -> !members.known.members(id(room)).contains(id(erin)), "erin's kick heard");
    assertEquals(Access.NOT_MEMBER, access(members, erin, room));
    assertEquals(1, reads.size(), "all from the one read and the events");

    assertEquals(200, admin.delete("/api/rooms/" + room).statusCode());
    eventually(() -> members.known.members(id(room)) == null, "the deletion heard");
    assertEquals(Access.NO_ROOM, access(members, carol, room));
  }

  @Test
  @DisplayName("a leave heard while the room is being read is not undone by what the read found: the room is read again")
  void leaveDuringRead() {
    TestUser fay = server.register("fay");
    String room = admin.createRoom("race", fay);
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = new RoomMembers(server.vertx);
    members.known.afterRead = roomIds -> {
      reads.add(roomIds);
      if (reads.size() > 1) {
        return Future.succeededFuture();
      }
      // The first read has found fay; before it keeps that, she leaves and this node hears of it.
      return server.vertx.executeBlocking(() -> server.queryOne(
          "DELETE FROM room_members WHERE room_id = ? AND user_id = ? RETURNING user_id", id(room), id(fay)))
        .<Void>map(deleted -> {
          members.left(id(room), id(fay));
          return null;
        });
    };
    members.listen();
    members.listening().await();

    assertEquals(Access.NOT_MEMBER, access(members, fay, room));
    assertEquals(2, reads.size(), "read again after the leave");
    assertEquals(Set.of(id(admin)), members.known.members(id(room)));
  }

  @Test
  @DisplayName("a refusal is checked in PostgreSQL first: a member whose join this node never heard of is a member, and kept")
  void refusalCheckedInDatabase() {
    TestUser gus = server.register("gus");
    String room = admin.createRoom("unheard");
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = fresh(reads);
    assertEquals(Access.NOT_MEMBER, access(members, gus, room));

    server.queryOne("INSERT INTO room_members (room_id, user_id, tenant_id) VALUES (?, ?, 1) RETURNING user_id", id(room), id(gus));
    assertEquals(Access.MEMBER, access(members, gus, room));
    assertTrue(members.known.members(id(room)).contains(id(gus)));
    assertEquals(1, reads.size());
  }

  @Test
  @DisplayName("asked of PostgreSQL alone, a member removed without a word is refused, and no longer counted")
  void accessInDatabase() {
    TestUser hana = server.register("hana");
    String room = admin.createRoom("silent", hana);
    RoomMembers members = fresh(new CopyOnWriteArrayList<>());
    assertEquals(Access.MEMBER, access(members, hana, room));

    server.queryOne("DELETE FROM room_members WHERE room_id = ? AND user_id = ? RETURNING user_id", id(room), id(hana));
    assertEquals(Access.MEMBER, access(members, hana, room), "memory answers members until it hears otherwise");
    assertEquals(Access.NOT_MEMBER, members.accessInDatabase(sql, caller(hana), id(room)).await());
    assertFalse(members.known.members(id(room)).contains(id(hana)));
    assertEquals(Access.NO_ROOM, members.accessInDatabase(sql, caller(hana), 987654).await());
  }

  @Test
  @DisplayName("rejects a room of another tenant as no room at all, even one that lists the asker as a member")
  void rejectsAnotherTenantsRoom() {
    TestServer.Stranger stranger = server.strangerElsewhere("members-elsewhere");
    Caller outsider = new Caller(Long.parseLong(stranger.userId()), Long.parseLong(stranger.tenantId()));
    String room = admin.createRoom("home");
    server.queryOne("INSERT INTO room_members (room_id, user_id, tenant_id) VALUES (?, ?, ?) RETURNING user_id",
      id(room), outsider.userId(), outsider.tenantId());
    RoomMembers members = fresh(new CopyOnWriteArrayList<>());

    assertEquals(Access.NO_ROOM, members.access(sql, outsider, id(room)).await());
    assertEquals(Access.MEMBER, access(members, admin, room));
    assertTrue(members.known.members(id(room)).contains(outsider.userId()));
    assertEquals(Access.NO_ROOM, members.access(sql, outsider, id(room)).await());
    assertEquals(Set.of(), members.memberOf(sql, outsider, List.of(id(room))).await());
  }

  @Test
  @DisplayName("answers several rooms at once, reading those it does not know in one query")
  void severalAtOnce() {
    TestUser ivan = server.register("ivan");
    String mine = admin.createRoom("batch-mine", ivan);
    String other = admin.createRoom("batch-other");
    List<Set<Long>> reads = new CopyOnWriteArrayList<>();
    RoomMembers members = fresh(reads);

    assertEquals(Set.of(id(mine)), members.memberOf(sql, caller(ivan), List.of(id(mine), id(other), 987654L)).await());
    assertEquals(Set.of(id(mine), id(other), 987654L), reads.get(0));
    assertEquals(Set.of(id(admin)), members.known.members(id(other)));
    assertNull(members.known.members(987654));
  }

  @Test
  @DisplayName("tells its listeners of a leave only once it no longer counts the member")
  void tellsAfterForgetting() throws Exception {
    TestUser jo = server.register("jo");
    String room = admin.createRoom("told", jo);
    RoomMembers members = fresh(new CopyOnWriteArrayList<>());
    assertEquals(Access.MEMBER, access(members, jo, room));
    CompletableFuture<Set<Long>> countedWhenTold = new CompletableFuture<>();
    members.onRemovals(new RoomMembers.Removals() {
      @Override
      public void left(long roomId, long userId) {
        if (roomId == id(room)) {
          countedWhenTold.complete(members.known.members(roomId));
        }
      }

      @Override
      public void deleted(long roomId) {
      }
    });

    assertEquals(200, jo.post("/api/rooms/" + room + "/leave", new JsonObject()).statusCode());
    assertEquals(Set.of(id(admin)), countedWhenTold.get(5, TimeUnit.SECONDS));
  }
}
