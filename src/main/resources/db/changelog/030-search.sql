--liquibase formatted sql

--changeset parley:030-search
-- Full-text search (message/Search*): whole words by the 'simple' text configuration, which suits every language, and
-- pieces of words ("deplo" finds "deployment") by trigrams. SEARCH_LANGUAGE adds an index of its own language at start.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_search_simple ON messages USING gin (to_tsvector('simple'::regconfig, content));
CREATE INDEX messages_content_trgm ON messages USING gin (content gin_trgm_ops);

--changeset parley:030-pins
-- A pinned message (is:pinned in search; pins of a room): when, and by whom.
ALTER TABLE messages ADD COLUMN pinned_at timestamptz, ADD COLUMN pinned_by bigint;

--changeset parley:030-pin-messages splitStatements:false
-- pin_messages: pin messages to a room and unpin them (chat.pin); moderators and superadmins have it.
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message',
                                      'manage_presence','pin_messages'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin','manage_presence','manage_users','export_tenant',
                                        'manage_tenant_settings','pin_messages'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'pin_messages')
WHERE system AND name IN ('moderator', 'superadmin') AND NOT 'pin_messages' = ANY (permissions);
