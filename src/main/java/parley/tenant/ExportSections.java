package parley.tenant;

import java.util.List;

/**
 * What a tenant's archive holds, one JSON object per line, each with a {@code type}, in the order written: every
 * query reads one tenant's rows ({@code $1}) and builds each line in the database, so the server only passes text on.
 * Columns are named one by one, never a whole row, so that a secret added to a table later (a password hash is one
 * today) does not leave in an archive by default. Ids are strings and times ISO-8601 in UTC, as in the API.
 */
final class ExportSections {

  /** {@code type}'s value and the query that answers the lines of that type, one text column. */
  record Section(String type, String sql) {
  }

  static final String FILE_TYPE = "file";

  static final List<Section> ALL = List.of(
    section("tenant", "FROM tenants t WHERE t.id = $1", "'slug', t.slug, 'name', t.name, 'createdAt', " + iso("t.created_at"),
      "t.id"),
    section("role", "FROM roles r WHERE r.tenant_id = $1 ORDER BY r.id", "'name', r.name, 'rank', r.rank, "
      + "'permissions', to_jsonb(r.permissions), 'system', r.system, 'createdAt', " + iso("r.created_at"), "r.id"),
    section("person", "FROM users u JOIN roles r ON r.id = u.role_id WHERE u.tenant_id = $1 ORDER BY u.id",
      "'username', u.username, 'displayName', u.display_name, 'role', r.name, 'roleId', u.role_id::text, "
        + "'email', u.email, 'avatarUrl', u.avatar_url, 'locale', u.locale, 'externalId', u.external_id, "
        + "'createdAt', " + iso("u.created_at") + ", 'deactivatedAt', " + iso("u.deactivated_at"), "u.id"),
    section("room", "FROM rooms r WHERE r.tenant_id = $1 ORDER BY r.id",
      "'kind', r.kind, 'name', r.name, 'description', r.description, 'topic', r.topic, 'private', r.private, "
        + "'default', r.is_default, 'lastSeq', r.last_seq, 'createdBy', r.created_by::text, 'createdAt', " + iso("r.created_at"),
      "r.id"),
    section("member", "FROM room_members m WHERE m.tenant_id = $1 ORDER BY m.room_id, m.user_id",
      "'roomId', m.room_id::text, 'userId', m.user_id::text, 'readSeq', m.read_seq, 'joinedAt', " + iso("m.joined_at"), null),
    section("message", "FROM messages m WHERE m.tenant_id = $1 ORDER BY m.room_id, m.seq",
      "'roomId', m.room_id::text, 'seq', m.seq, 'changeSeq', m.change_seq, 'kind', m.kind, 'authorId', m.author_id::text, "
        + "'content', m.content, 'replyTo', m.reply_to::text, 'mentions', to_jsonb(m.mentions::text[]), "
        + "'mentionsRoom', m.mentions_room, 'reactions', m.reactions, 'poll', m.poll, 'attachments', m.attachments, "
        + "'createdAt', " + iso("m.created_at") + ", 'editedAt', " + iso("m.edited_at") + ", 'deletedAt', " + iso("m.deleted_at"),
      "m.id"),
    section("vote", "FROM poll_votes v JOIN messages m ON m.id = v.message_id WHERE m.tenant_id = $1 "
      + "ORDER BY v.message_id, v.user_id, v.option_id", "'messageId', v.message_id::text, 'userId', v.user_id::text, "
      + "'optionId', v.option_id", null),
    section("announcement", "FROM announcements a WHERE a.tenant_id = $1 ORDER BY a.id",
      "'senderId', a.sender_id::text, 'title', a.title, 'body', a.body, 'requireAck', a.require_ack, "
        + "'audience', a.audience, 'createdAt', " + iso("a.created_at") + ", 'withdrawnAt', " + iso("a.withdrawn_at"), "a.id"),
    section("recipient", "FROM announcement_recipients r JOIN announcements a ON a.id = r.announcement_id "
      + "WHERE a.tenant_id = $1 ORDER BY r.announcement_id, r.user_id", "'announcementId', r.announcement_id::text, "
      + "'userId', r.user_id::text, 'deliveredAt', " + iso("r.delivered_at") + ", 'readAt', " + iso("r.read_at")
      + ", 'ackedAt', " + iso("r.acked_at"), null),
    section("announcementReaction", "FROM announcement_reactions r JOIN announcements a ON a.id = r.announcement_id "
      + "WHERE a.tenant_id = $1 ORDER BY r.announcement_id, r.created_at", "'announcementId', r.announcement_id::text, "
      + "'userId', r.user_id::text, 'emoji', r.emoji, 'createdAt', " + iso("r.created_at"), null),
    // Only files whose bytes are all there: an upload still under way has none to give.
    section(FILE_TYPE, "FROM files f WHERE f.tenant_id = $1 AND f.stored ORDER BY f.created_at, f.id",
      "'uploaderId', f.uploader_id::text, 'messageId', f.message_id::text, 'name', f.name, "
        + "'contentType', f.content_type, 'size', f.size, 'sha256', f.sha256, 'width', f.width, 'height', f.height, "
        + "'createdAt', " + iso("f.created_at"), "f.id"));

  private ExportSections() {
  }

  private static Section section(String type, String from, String fields, String id) {
    String idField = id == null ? "" : "'id', " + id + "::text, ";
    return new Section(type, "SELECT json_build_object('type', '" + type + "', " + idField + fields + ")::text " + from);
  }

  private static String iso(String column) {
    return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  }
}
