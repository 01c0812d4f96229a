package parley.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * A JSON object handed to a receiver on this node as it is, where the default codec copies it: for an answer built
 * for one reply and never touched again, which is all a reply of {@link Services#serveAsIs} may be. Across nodes it
 * travels as the default codec sends it.
 */
public final class LocalJson implements MessageCodec<JsonObject, JsonObject> {

  public static final String NAME = "parley.local-json";

  LocalJson() {
  }

  /** Registers the codec on this bus unless it already is (every instance of a verticle asks). */
  static synchronized void register(EventBus bus) {
    try {
      bus.registerCodec(new LocalJson());
    } catch (IllegalStateException alreadyRegistered) {
      // one codec per Vert.x instance is all it takes
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
