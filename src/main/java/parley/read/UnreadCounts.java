package parley.read;

/**
 * What a member has not read, counted from their read cursor: messages created after it that are not deleted, not
 * their own and not {@code system} lines (what a command did is shown, but nobody needs to be told about it), and
 * among those, the ones that name them ({@code @username}, or {@code @room}/{@code @here}). Shared by
 * {@code GET /api/rooms}, {@code chat.sync} and {@code chat.read} so the three always agree.
 */
public final class UnreadCounts {

  private UnreadCounts() {
  }

  /**
   * A join adding {@code <alias>.unread} and {@code <alias>.mentions} to each row of a query over {@code room_members}
   * aliased {@code member}. It reads the room's messages from the cursor on through the (room_id, seq) index.
   */
  public static String join(String member, String alias) {
    return """
       CROSS JOIN LATERAL (
        SELECT count(*) AS unread,
               count(*) FILTER (WHERE c.mentions_room OR %1$s.user_id = ANY (c.mentions)) AS mentions
        FROM messages c
        WHERE c.room_id = %1$s.room_id AND c.seq > %1$s.read_seq AND c.deleted_at IS NULL
          AND c.author_id <> %1$s.user_id AND c.kind <> 'system'
      ) %2$s
      """.formatted(member, alias);
  }
}
