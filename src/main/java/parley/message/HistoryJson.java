package parley.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.jackson.JacksonCodec;
import parley.auth.Person;
import parley.bus.Times;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A page of history as the UTF-8 bytes of its JSON, written straight from the messages: the same bytes as
 * {@code MessageVerticle.page(…).encode()} ({@link Message#toJsonFor}, field for field), without building a JSON object
 * per message and then walking them, which took longer than reading the page from PostgreSQL; the field names go out
 * encoded once. Characters outside the BMP go out as UTF-8, as {@code encode()} gives them; strings read from
 * PostgreSQL cannot hold the lone surrogates the two would write differently.
 */
final class HistoryJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  private static final int TYPICAL_PAGE_BYTES = 32 * 1024;

  private static final SerializableString MESSAGES = name("messages");
  private static final SerializableString MORE = name("more");
  private static final SerializableString PINNED = name("pinned");
  private static final SerializableString ID = name("id");
  private static final SerializableString ROOM_ID = name("roomId");
  private static final SerializableString SEQ = name("seq");
  private static final SerializableString CHANGE_SEQ = name("changeSeq");
  private static final SerializableString AUTHOR = name("author");
  private static final SerializableString USERNAME = name("username");
  private static final SerializableString DISPLAY_NAME = name("displayName");
  private static final SerializableString CONTENT = name("content");
  private static final SerializableString CREATED_AT = name("createdAt");
  private static final SerializableString CLIENT_MSG_ID = name("clientMsgId");
  private static final SerializableString KIND = name("kind");
  private static final SerializableString EDITED_AT = name("editedAt");
  private static final SerializableString DELETED = name("deleted");
  private static final SerializableString DEACTIVATED = name("deactivated");
  private static final SerializableString REPLY_TO = name("replyTo");
  private static final SerializableString PREVIEW = name("preview");
  private static final SerializableString REACTIONS = name("reactions");
  private static final SerializableString EMOJI = name("emoji");
  private static final SerializableString COUNT = name("count");
  private static final SerializableString USER_IDS = name("userIds");
  private static final SerializableString MENTIONS = name("mentions");
  private static final SerializableString MENTIONS_ROOM = name("mentionsRoom");
  private static final SerializableString POLL = name("poll");
  private static final SerializableString ATTACHMENTS = name("attachments");

  private HistoryJson() {
  }

  /** {@code {messages, more}}, the messages as {@code viewerId} sees them (see {@link Message#toJsonFor}). */
  static Buffer page(List<Message> messages, boolean more, long viewerId, boolean seesDeactivated) {
    Buffer bytes = Buffer.buffer(TYPICAL_PAGE_BYTES);
    try (JsonGenerator json = FACTORY.createGenerator(new BufferStream(bytes), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeFieldName(MESSAGES);
      json.writeStartArray();
      for (Message message : messages) {
        message(json, message, viewerId, seesDeactivated);
      }
      json.writeEndArray();
      json.writeFieldName(MORE);
      json.writeBoolean(more);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  private static void message(JsonGenerator json, Message m, long viewerId, boolean seesDeactivated) throws IOException {
    json.writeStartObject();
    string(json, ID, Long.toString(m.id()));
    string(json, ROOM_ID, Long.toString(m.roomId()));
    json.writeFieldName(SEQ);
    json.writeNumber(m.seq());
    json.writeFieldName(CHANGE_SEQ);
    json.writeNumber(m.changeSeq());
    json.writeFieldName(AUTHOR);
    person(json, m.author().shownTo(seesDeactivated));
    string(json, CONTENT, m.content());
    string(json, CREATED_AT, Times.iso(m.createdAt()));
    string(json, CLIENT_MSG_ID, m.clientMsgId());
    string(json, KIND, m.kind());
    string(json, EDITED_AT, m.editedAt() == null ? null : Times.iso(m.editedAt()));
    json.writeFieldName(DELETED);
    json.writeBoolean(m.deleted());
    json.writeFieldName(REPLY_TO);
    if (m.replyTo() == null) {
      json.writeNull();
    } else {
      quote(json, m.replyTo(), seesDeactivated);
    }
    json.writeFieldName(REACTIONS);
    json.writeStartArray();
    for (String emoji : m.reactionOrder()) {
      if (m.reactions().containsKey(emoji)) {
        JsonArray userIds = m.reactionUserIds(emoji);
        json.writeStartObject();
        string(json, EMOJI, emoji);
        json.writeFieldName(COUNT);
        json.writeNumber(userIds.size());
        json.writeFieldName(USER_IDS);
        JacksonCodec.encodeJson(userIds, json);
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeFieldName(MENTIONS);
    json.writeStartArray();
    for (Long mentioned : m.mentions()) {
      json.writeString(Long.toString(mentioned));
    }
    json.writeEndArray();
    json.writeFieldName(MENTIONS_ROOM);
    json.writeBoolean(m.mentionsRoom());
    json.writeFieldName(POLL);
    JacksonCodec.encodeJson(m.poll() == null || m.deleted() ? null : Polls.toJson(m.poll(), m.pollVotes(), viewerId), json);
    json.writeFieldName(ATTACHMENTS);
    JacksonCodec.encodeJson(m.deleted() ? new JsonArray() : m.attachments(), json);
    json.writeFieldName(PINNED);
    JacksonCodec.encodeJson(m.pinned() == null ? null : m.pinned().toJson(), json);
    json.writeEndObject();
  }

  /** {@link Person#toJson}: mask the person first ({@link Person#shownTo}). */
  private static void person(JsonGenerator json, Person person) throws IOException {
    json.writeStartObject();
    string(json, ID, Long.toString(person.id()));
    string(json, USERNAME, person.username());
    string(json, DISPLAY_NAME, person.displayName());
    json.writeFieldName(DEACTIVATED);
    json.writeBoolean(person.deactivated());
    json.writeEndObject();
  }

  private static void quote(JsonGenerator json, Message.Quote quote, boolean seesDeactivated) throws IOException {
    json.writeStartObject();
    string(json, ID, Long.toString(quote.id()));
    json.writeFieldName(SEQ);
    json.writeNumber(quote.seq());
    json.writeFieldName(AUTHOR);
    person(json, quote.author().shownTo(seesDeactivated));
    string(json, PREVIEW, quote.deleted() ? "" : quote.preview());
    json.writeFieldName(DELETED);
    json.writeBoolean(quote.deleted());
    json.writeEndObject();
  }

  private static void string(JsonGenerator json, SerializableString name, String value) throws IOException {
    json.writeFieldName(name);
    json.writeString(value);
  }

  private static SerializableString name(String name) {
    return new SerializedString(name);
  }

  private static final class BufferStream extends OutputStream {
    private final Buffer bytes;

    BufferStream(Buffer bytes) {
      this.bytes = bytes;
    }

    @Override
    public void write(int b) {
      bytes.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.appendBytes(b, off, len);
    }
  }
}
