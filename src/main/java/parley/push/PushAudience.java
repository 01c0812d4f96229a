package parley.push;

/**
 * Who wants a push, by their own choice: {@code none} never; {@code all} every message of their rooms;
 * {@code direct} (the default) DMs, groups and mentions. A muted room pushes only a message that names the person.
 * Announcements reach everyone but {@code none}.
 */
final class PushAudience {

  static final String ALL = "all";
  static final String DIRECT = "direct";
  static final String NONE = "none";

  /** One person who could be told, with their settings ({@code muted}: the message's room). */
  record Candidate(long userId, String level, boolean previews, boolean muted) {
  }

  private PushAudience() {
  }

  /**
   * @param direct the room is a DM or a group
   * @param namesThem the message names this person
   * @param mentionsRoom the message names the whole room ({@code @room}, {@code @here})
   */
  static boolean wantsMessage(Candidate candidate, boolean direct, boolean namesThem, boolean mentionsRoom) {
    if (NONE.equals(candidate.level())) {
      return false;
    }
    if (candidate.muted()) {
      return namesThem;
    }
    return ALL.equals(candidate.level()) || direct || namesThem || mentionsRoom;
  }

  static boolean wantsAnnouncement(Candidate candidate) {
    return !NONE.equals(candidate.level());
  }
}
