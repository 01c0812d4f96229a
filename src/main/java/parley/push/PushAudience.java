package parley.push;

/**
 * Who wants a push, by their own choice. A person's level is the default of their rooms: {@code none} never;
 * {@code all} every message; {@code direct} (the default) DMs, groups and mentions. A room's own level, when they set
 * one, takes its place: {@code all}, {@code mentions} (messages that name them, {@code @room}, {@code @here}) or
 * {@code nothing}. Announcements reach everyone but {@code none}.
 */
final class PushAudience {

  static final String ALL = "all";
  static final String DIRECT = "direct";
  static final String NONE = "none";
  static final String MENTIONS = "mentions";
  static final String NOTHING = "nothing";

  /** One person who could be told, with their settings ({@code roomLevel}: for the message's room, null if none set). */
  record Candidate(long userId, String level, boolean previews, String roomLevel) {
  }

  private PushAudience() {
  }

  /**
   * @param direct the room is a DM or a group
   * @param namesThem the message names this person
   * @param mentionsRoom the message names the whole room ({@code @room}, {@code @here})
   */
  static boolean wantsMessage(Candidate candidate, boolean direct, boolean namesThem, boolean mentionsRoom) {
    String level = candidate.roomLevel() != null ? candidate.roomLevel() : candidate.level();
    return switch (level) {
      case ALL -> true;
      case DIRECT -> direct || namesThem || mentionsRoom;
      case MENTIONS -> namesThem || mentionsRoom;
      default -> false;
    };
  }

  static boolean wantsAnnouncement(Candidate candidate) {
    return !NONE.equals(candidate.level());
  }
}
