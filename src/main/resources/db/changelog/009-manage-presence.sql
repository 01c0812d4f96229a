--liquibase formatted sql

--changeset parley:009-manage-presence splitStatements:false
-- manage_presence: set someone else's vacation (and clear it), as an admin does for people who are away.
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message',
                                      'manage_presence'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin','manage_presence'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'manage_presence')
WHERE system AND name IN ('moderator', 'superadmin') AND NOT 'manage_presence' = ANY (permissions);
