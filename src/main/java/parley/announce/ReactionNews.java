package parley.announce;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.bus.Addresses;
import parley.bus.EventTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the sender and every recipient how an announcement's reactions stand. An announcement can reach thousands,
 * so reactions are told at most once per second per announcement and node, with every change since: a flurry of
 * reactions costs each person one event a second, not one per reaction. Confined to the verticle's event loop.
 */
final class ReactionNews {

  static final long EVERY_MS = 1000;
  private static final String COUNTS = """
    SELECT emoji, count(*) AS count FROM announcement_reactions WHERE announcement_id = $1 GROUP BY emoji ORDER BY min(created_at)""";

  private final Vertx vertx;
  private final SqlClient sql;
  private final Throttle throttle;
  private final Map<Long, List<JsonObject>> waiting = new HashMap<>();

  ReactionNews(Vertx vertx, SqlClient sql) {
    this.vertx = vertx;
    this.sql = sql;
    this.throttle = new Throttle(vertx, EVERY_MS);
  }

  void changed(long announcementId, long senderId, long userId, String emoji, boolean on) {
    waiting.computeIfAbsent(announcementId, id -> new ArrayList<>())
      .add(new JsonObject().put("userId", Long.toString(userId)).put("emoji", emoji).put("on", on));
    throttle.ask(announcementId, () -> tell(announcementId, senderId));
  }

  private void tell(long announcementId, long senderId) {
    List<JsonObject> changes = waiting.remove(announcementId);
    Future.all(sql.preparedQuery(COUNTS).execute(Tuple.of(announcementId)), AnnouncementRepository.recipients(sql, announcementId))
      .onSuccess(both -> {
        JsonArray reactions = new JsonArray();
        both.<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>>resultAt(0)
          .forEach(row -> reactions.add(new JsonObject().put("emoji", row.getString("emoji")).put("count", row.getLong("count"))));
        JsonObject event = new JsonObject().put("type", EventTypes.ANNOUNCEMENT_REACTIONS)
          .put("announcementId", Long.toString(announcementId)).put("reactions", reactions).put("changes", new JsonArray(changes));
        Set<Long> told = new LinkedHashSet<>(both.<List<Long>>resultAt(1));
        told.add(senderId);
        told.forEach(userId -> vertx.eventBus().publish(Addresses.user(userId), event));
      });
  }
}
