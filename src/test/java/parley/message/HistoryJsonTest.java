package parley.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import parley.auth.Person;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayName("A history page written straight to bytes")
class HistoryJsonTest {

  private static final Person BOB = new Person(2, "bob", "Bob B.", false);
  private static final Person ADA = new Person(7, "ada", "Ada \"the\" Lovelace \\ 🚀", false);
  private static final Person GONE = new Person(5, "gone", "Gone G.", true);
  private static final OffsetDateTime SENT = OffsetDateTime.of(2026, 11, 22, 5, 32, 26, 605_479_000, ZoneOffset.ofHours(2));
  private static final long VIEWER = 9;

  private static Message message(long seq, String content, Message.Quote replyTo, JsonObject reactions, List<String> order,
                                 Long[] mentions, boolean mentionsRoom, String kind, JsonObject poll, JsonObject votes,
                                 JsonArray attachments, boolean deleted, OffsetDateTime edited, String clientMsgId) {
    return new Message(100 + seq, 42, seq, seq + 3, seq % 3 == 0 ? GONE : seq % 2 == 0 ? BOB : ADA, content, SENT.plusSeconds(seq), clientMsgId, kind,
      edited, deleted, replyTo, reactions, order, mentions, mentionsRoom, poll, votes, attachments,
      seq % 4 == 1 && !deleted ? new Message.Pin(SENT.plusSeconds(seq + 60), 7) : null);
  }

  private static Message plain(long seq, String content) {
    return message(seq, content, null, new JsonObject(), List.of(), new Long[0], false, Message.TEXT, null, null, new JsonArray(),
      false, null, null);
  }

  private static List<Message> everyShape() {
    JsonObject poll = new JsonObject().put("question", "Lunch?").put("options", new JsonArray()
        .add(new JsonObject().put("id", 1).put("text", "Pizza")).add(new JsonObject().put("id", 2).put("text", "Sushi 🍣")))
      .put("multiple", true).put("anonymous", false).put("closesAt", null).put("closed", false);
    JsonObject votes = new JsonObject().put("1", new JsonArray().add("7").add("9")).put("2", new JsonArray().add("2"));
    JsonArray files = new JsonArray().add(new JsonObject().put("id", "0b8f5c2e-0000-4000-8000-000000000001").put("name", "plan.pdf")
      .put("contentType", "application/pdf").put("size", 12345).put("width", null).put("height", null).put("thumbnail", false));
    JsonObject reactions = new JsonObject().put("🎉", new JsonArray().add("3").add("9")).put("👍", new JsonArray().add("7"))
      .put("gone", new JsonArray());
    return List.of(
      plain(1, "hello"),
      plain(2, "héllo wörld, 日本語, emoji 🎉🇫🇷, controls \u0001\t\n, quotes \" \\ / </script> \u2028"),
      message(3, "a reply", new Message.Quote(101, 1, ADA, "hello", false), reactions, List.of("👍", "missing", "🎉", "gone"),
        new Long[] {7L, 9L}, true, Message.TEXT, null, null, new JsonArray(), false, SENT.plusMinutes(5), "c-1"),
      message(4, "", new Message.Quote(102, 2, GONE, "this text is not shown", true), new JsonObject(), List.of(), new Long[0],
        false, Message.TEXT, null, null, files, false, null, null),
      message(5, "waves", null, new JsonObject(), List.of(), new Long[0], false, Message.ACTION, null, null, new JsonArray(), false,
        null, null),
      message(6, "Lunch?", null, new JsonObject(), List.of(), new Long[0], false, Message.POLL, poll, votes, new JsonArray(), false,
        null, null),
      message(7, "Lunch?", null, new JsonObject(), List.of(), new Long[0], false, Message.POLL, poll.copy().put("anonymous", true),
        null, new JsonArray(), false, null, null),
      message(8, "", null, new JsonObject(), List.of(), new Long[0], false, Message.POLL, poll, votes, files, true,
        SENT.plusMinutes(9), "deleted-one"),
      plain(9, "x".repeat(4000) + "🎉".repeat(500)));
  }

  @Test
  @DisplayName("is the very bytes of the page built as JSON objects and encoded, for messages of every shape, deactivated authors masked or not")
  void sameBytes() {
    List<Message> messages = everyShape();
    for (boolean seesDeactivated : List.of(true, false)) {
      for (boolean more : List.of(true, false)) {
        String built = MessageVerticle.page(messages, more, VIEWER, seesDeactivated).encode();
        assertEquals(built, HistoryJson.page(messages, more, VIEWER, seesDeactivated).toString(StandardCharsets.UTF_8));
        assertArrayEquals(built.getBytes(StandardCharsets.UTF_8), HistoryJson.page(messages, more, VIEWER, seesDeactivated).getBytes());
      }
      for (Message one : messages) {
        assertEquals(MessageVerticle.page(List.of(one), false, one.author().id(), seesDeactivated).encode(),
          HistoryJson.page(List.of(one), false, one.author().id(), seesDeactivated).toString(StandardCharsets.UTF_8));
      }
      assertEquals(MessageVerticle.page(List.of(), false, VIEWER, seesDeactivated).encode(),
        HistoryJson.page(List.of(), false, VIEWER, seesDeactivated).toString());
    }
  }

  @Test
  @DisplayName("names a deactivated author and a quoted one only to a viewer who sees deactivated people")
  void masksDeactivated() {
    List<Message> messages = everyShape();
    String masked = HistoryJson.page(messages, false, VIEWER, false).toString(StandardCharsets.UTF_8);
    String named = HistoryJson.page(messages, false, VIEWER, true).toString(StandardCharsets.UTF_8);
    JsonObject hidden = new JsonObject().put("id", "5").put("username", "").put("displayName", Person.MASKED_NAME).put("deactivated", true);
    JsonObject shown = new JsonObject().put("id", "5").put("username", "gone").put("displayName", "Gone G.").put("deactivated", true);
    JsonArray maskedMessages = new JsonObject(masked).getJsonArray("messages");
    JsonArray namedMessages = new JsonObject(named).getJsonArray("messages");
    assertEquals(hidden, maskedMessages.getJsonObject(2).getJsonObject("author"));
    assertEquals(hidden, maskedMessages.getJsonObject(3).getJsonObject("replyTo").getJsonObject("author"));
    assertEquals(shown, namedMessages.getJsonObject(2).getJsonObject("author"));
    assertEquals(shown, namedMessages.getJsonObject(3).getJsonObject("replyTo").getJsonObject("author"));
    assertEquals(false, maskedMessages.getJsonObject(1).getJsonObject("author").getBoolean("deactivated"));
    assertFalse(masked.contains("Gone G.") || masked.contains("\"username\":\"gone\""), "a deactivated name went out");
  }
}
