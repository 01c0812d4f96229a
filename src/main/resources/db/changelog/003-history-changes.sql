--liquibase formatted sql

--changeset parley:003-change-seq splitStatements:false
-- rooms.last_seq becomes the room's change sequence: every change to its history (a new message, an edit, a
-- deletion, a reaction) takes the next number, and the changed message remembers it in change_seq. A message's
-- seq is the change that created it. Taking a number locks the room row until commit, so numbers are gapless and
-- committed in order; a sync reads "every message whose change_seq is above my cursor" and so sees each message in
-- its latest state.
ALTER TABLE messages ADD COLUMN change_seq bigint;
UPDATE messages SET change_seq = seq;
ALTER TABLE messages ALTER COLUMN change_seq SET NOT NULL;
CREATE UNIQUE INDEX messages_room_change ON messages (room_id, change_seq);
CREATE FUNCTION next_change_seq(room bigint) RETURNS bigint LANGUAGE sql AS $$
  UPDATE rooms SET last_seq = last_seq + 1 WHERE id = room RETURNING last_seq
$$;

--changeset parley:003-message-state
-- Reactions live in the message row ({emoji: [userId, …]}) so a reaction changes the message and its change_seq in
-- one statement; mentions are the user ids resolved when the message was stored or edited.
ALTER TABLE messages
  ADD COLUMN edited_at timestamptz,
  ADD COLUMN deleted_at timestamptz,
  ADD COLUMN reply_to bigint REFERENCES messages (id) ON DELETE SET NULL,
  ADD COLUMN reactions jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN mentions bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN mentions_room boolean NOT NULL DEFAULT false;

--changeset parley:003-mention-everyone splitStatements:false
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'mention_everyone')
WHERE system AND name IN ('moderator', 'superadmin') AND NOT 'mention_everyone' = ANY (permissions);
