package parley.message;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import parley.room.RoomMembers;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The messages a search finds, newest first: of the rooms the searcher is a member of now
 * ({@link RoomMembers#readableRooms}), in their tenant, neither deleted nor a system line, matching every part of the
 * query. A word matches a message whose words (by the text configuration, SEARCH_LANGUAGE) begin with it, or whose
 * text holds it anywhere, in any case; a phrase matches text that holds it. Edits replace a message's text in place,
 * so an edited message is found by its new text only.
 */
final class SearchRepository {

  private static final String LINK = "'https?://'";

  private SearchRepository() {
  }

  /** Up to {@code limit} messages with ids below {@code beforeId}, newest first. */
  static Future<List<Message>> find(SqlClient sql, String language, long tenantId, long userId, SearchQuery query,
                                    long beforeId, int limit) {
    Statement statement = new Statement(language, Tuple.of(tenantId, userId, beforeId, limit));
    statement.where(query);
    return sql.preparedQuery(statement.text()).execute(statement.parameters).map(rows -> {
      Function<Row, Message> reader = Message.reader(rows);
      List<Message> found = new ArrayList<>(rows.size());
      rows.forEach(row -> found.add(reader.apply(row)));
      found.sort(Comparator.comparingLong(Message::id).reversed());
      return found;
    });
  }

  /** The statement's conditions and their parameters, numbered as they are added after the first four. */
  private static final class Statement {
    private final String language;
    private final Tuple parameters;
    private final List<String> conditions = new ArrayList<>();

    Statement(String language, Tuple parameters) {
      this.language = language;
      this.parameters = parameters;
    }

    void where(SearchQuery query) {
      query.words().forEach(this::word);
      query.phrases().forEach(phrase -> conditions.add("m.content ILIKE " + parameter(contains(phrase))));
      query.rooms().forEach(room -> conditions.add(
        "m.room_id IN (SELECT id FROM rooms WHERE tenant_id = $1 AND lower(name) = " + parameter(room) + ")"));
      query.authors().forEach(author -> conditions.add(
        "m.author_id IN (SELECT id FROM users WHERE tenant_id = $1 AND lower(username) = " + parameter(author) + ")"));
      if (query.hasFile()) {
        conditions.add("m.attachments <> '[]'");
      }
      if (query.hasLink()) {
        conditions.add("m.content ~* " + LINK);
      }
      if (query.pinned()) {
        conditions.add("m.pinned_at IS NOT NULL");
      }
      if (query.before() != null) {
        conditions.add("m.created_at < " + parameter(startOf(query.before())));
      }
      if (query.after() != null) {
        conditions.add("m.created_at >= " + parameter(startOf(query.after().plusDays(1))));
      }
    }

    /** Its words' beginnings by the text configuration, or the text anywhere: either finds it. */
    private void word(String word) {
      String anywhere = "m.content ILIKE " + parameter(contains(word));
      String beginnings = Arrays.stream(word.split("[^\\p{L}\\p{N}]+")).filter(piece -> !piece.isEmpty())
        .map(piece -> "'" + piece + "':*").collect(Collectors.joining(" & "));
      conditions.add(beginnings.isEmpty() ? anywhere : "(to_tsvector('" + language + "'::regconfig, m.content) @@ to_tsquery('"
        + language + "'::regconfig, " + parameter(beginnings) + ") OR " + anywhere + ")");
    }

    private String parameter(Object value) {
      parameters.addValue(value);
      return "$" + parameters.size();
    }

    String text() {
      return Message.select("(SELECT * FROM messages m WHERE m.tenant_id = $1 AND m.id < $3 AND m.room_id IN ("
        + RoomMembers.readableRooms("$1", "$2") + ") AND m.deleted_at IS NULL AND m.kind <> '" + Message.SYSTEM + "'"
        + conditions.stream().map(condition -> " AND " + condition).collect(Collectors.joining())
        + " ORDER BY m.id DESC LIMIT $4) m");
    }

    private static String contains(String text) {
      return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static java.time.OffsetDateTime startOf(LocalDate day) {
      return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
  }
}
