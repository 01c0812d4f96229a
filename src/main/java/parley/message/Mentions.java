package parley.message;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a message's text names: {@code @username} candidates (resolved to room members by the database when the
 * message is stored) and {@code @room} / {@code @here}, which name everyone in the room.
 */
record Mentions(Set<String> usernames, boolean room) {

  static final Mentions NONE = new Mentions(Set.of(), false);
  private static final int MAX_NAMES = 50;
  /** Not preceded by a word character, so e-mail addresses ({@code ada@example.org}) name nobody. */
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{Alnum}_.@-])@([A-Za-z0-9_.-]{3,32})");

  static Mentions in(String content) {
    Set<String> usernames = new LinkedHashSet<>();
    boolean room = false;
    Matcher matcher = MENTION.matcher(content);
    while (matcher.find() && usernames.size() < MAX_NAMES) {
      String name = matcher.group(1).toLowerCase(Locale.ROOT);
      if (name.equals("room") || name.equals("here")) {
        room = true;
        continue;
      }
      usernames.add(name);
      // "@bob." at the end of a sentence names bob; usernames may contain dots, so both are candidates.
      String trimmed = name.replaceAll("[.-]+$", "");
      if (trimmed.length() >= 3) {
        usernames.add(trimmed);
      }
    }
    return new Mentions(usernames, room);
  }

  /** What the sender may actually ping: individual names need one permission, the whole room another. */
  Mentions allowed(boolean mayMentionUsers, boolean mayMentionRoom) {
    return new Mentions(mayMentionUsers ? usernames : Set.of(), room && mayMentionRoom);
  }

  String[] usernameArray() {
    return usernames.toArray(String[]::new);
  }
}
