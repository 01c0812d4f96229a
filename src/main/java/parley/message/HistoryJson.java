package parley.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A page of history as the UTF-8 bytes of its JSON, written straight from the messages ({@link Message#writeJsonFor}):
 * the same bytes as {@code MessageVerticle.page(…).encode()}, without building a JSON object per message and then
 * walking them, which took longer than reading the page from PostgreSQL. Characters outside the BMP go out as UTF-8,
 * as {@code encode()} gives them; strings read from PostgreSQL cannot hold the lone surrogates the two would write
 * differently.
 */
final class HistoryJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  private static final int TYPICAL_PAGE_BYTES = 32 * 1024;

  private HistoryJson() {
  }

  /** {@code {messages, more}}, the messages as {@code viewerId} sees them. */
  static Buffer page(List<Message> messages, boolean more, long viewerId) {
    Buffer bytes = Buffer.buffer(TYPICAL_PAGE_BYTES);
    try (JsonGenerator json = FACTORY.createGenerator(new BufferStream(bytes), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeArrayFieldStart("messages");
      for (Message message : messages) {
        message.writeJsonFor(json, viewerId);
      }
      json.writeEndArray();
      json.writeBooleanField("more", more);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
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
