package parley.room;

import parley.bus.ApiError;
import parley.name.Names;

/** What a room may be called and described as. */
final class RoomNames {

  private RoomNames() {
  }

  /** A channel's name (see {@link Names#clean}). */
  static String name(String raw) {
    String name = Names.clean(raw);
    if (!name.matches("[\\p{L}\\p{N}_.-]{1,64}")) {
      throw ApiError.INVALID_ROOM_NAME.exception();
    }
    return name;
  }

  /** A group's own name, or empty when it has none (then clients name it by its members). */
  static String groupName(String raw) {
    if (raw == null) {
      return "";
    }
    String name = Names.clean(raw);
    if (name.codePointCount(0, name.length()) > 64 || name.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiError.INVALID_GROUP_NAME.exception();
    }
    return name;
  }

  static String topic(String raw) {
    String topic = raw.strip();
    if (topic.codePointCount(0, topic.length()) > 250 || topic.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiError.INVALID_TOPIC.exception();
    }
    return topic;
  }

  static String description(String raw) {
    if (raw == null) {
      return "";
    }
    String description = raw.strip();
    if (description.codePointCount(0, description.length()) > 500 || description.indexOf('\0') >= 0) {
      throw ApiError.INVALID_DESCRIPTION.exception();
    }
    return description;
  }
}
