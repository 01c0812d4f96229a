--liquibase formatted sql

--changeset parley:014-deactivation
-- A deactivated account cannot sign in and leaves the directory; its messages stay, shown without its name.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;

--changeset parley:014-password-resets
-- A one-time link an admin hands over. Only the code's SHA-256 is kept, so the table leaks nothing usable.
CREATE TABLE password_resets (
  code_hash  text PRIMARY KEY,
  tenant_id  bigint NOT NULL REFERENCES tenants (id),
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX password_resets_user ON password_resets (tenant_id, user_id);

--changeset parley:014-manage-users splitStatements:false
-- manage_users: deactivate and reactivate people, and hand them a password reset link.
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message',
                                      'manage_presence'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin','manage_presence','manage_users'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'manage_users')
WHERE system AND name = 'superadmin' AND NOT 'manage_users' = ANY (permissions);
