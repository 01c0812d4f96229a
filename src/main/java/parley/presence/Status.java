package parley.presence;

import io.vertx.core.json.JsonObject;

/**
 * What a person said about themselves: {@code chosen} is {@code online} (the default: let connections decide),
 * {@code dnd} or {@code vacation}; a status text and emoji go with it.
 */
record Status(String chosen, String text, String emoji) {

  static final Status DEFAULT = new Status(Presence.ONLINE, null, null);

  JsonObject toJson() {
    return new JsonObject().put("chosen", chosen).put("text", text).put("emoji", emoji);
  }

  static Status fromJson(JsonObject json) {
    return json == null ? DEFAULT : new Status(json.getString("chosen", Presence.ONLINE), json.getString("text"), json.getString("emoji"));
  }
}
