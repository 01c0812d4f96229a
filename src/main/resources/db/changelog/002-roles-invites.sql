--liquibase formatted sql

--changeset parley:002-roles splitStatements:false
CREATE TABLE roles (
  id          bigserial PRIMARY KEY,
  tenant_id   bigint NOT NULL REFERENCES tenants (id),
  name        text NOT NULL,
  rank        integer NOT NULL CHECK (rank BETWEEN 0 AND 1000),
  permissions text[] NOT NULL DEFAULT '{}',
  system      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_tenant_name ON roles (tenant_id, lower(name));
-- The system roles of a tenant; a tenant created later gets them from the same function.
CREATE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'create_rooms','kick_users','set_room_topic','delete_any_message'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'create_rooms','kick_users','set_room_topic','delete_rooms','promote_users','manage_invites',
                                        'manage_roles','change_display_names','delete_any_message','manage_announcements','view_admin'], true);
$$;
SELECT create_system_roles(id) FROM tenants;

--changeset parley:002-users-role-id
ALTER TABLE users ADD COLUMN role_id bigint REFERENCES roles (id);
UPDATE users u SET role_id = r.id FROM roles r WHERE r.tenant_id = u.tenant_id AND r.name = u.role;
ALTER TABLE users ALTER COLUMN role_id SET NOT NULL;
ALTER TABLE users DROP COLUMN role;
CREATE INDEX users_role ON users (role_id);

--changeset parley:002-room-topic
ALTER TABLE rooms ADD COLUMN topic text NOT NULL DEFAULT '';

--changeset parley:002-invites
CREATE TABLE invites (
  code       text PRIMARY KEY,
  tenant_id  bigint NOT NULL REFERENCES tenants (id),
  label      text NOT NULL DEFAULT '',
  max_uses   integer CHECK (max_uses IS NULL OR max_uses > 0),
  uses       integer NOT NULL DEFAULT 0,
  expires_at timestamptz,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_tenant ON invites (tenant_id);
ALTER TABLE users ADD COLUMN invite_code text REFERENCES invites (code) ON DELETE SET NULL;

--changeset parley:002-message-kind
ALTER TABLE messages ADD COLUMN kind text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'action', 'system'));
