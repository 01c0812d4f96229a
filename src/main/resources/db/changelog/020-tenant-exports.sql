--liquibase formatted sql

--changeset parley:020-export-tenant splitStatements:false
-- export_tenant: take the whole organisation's data away as an archive (GET /api/tenant/export).
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message',
                                      'manage_presence'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin','manage_presence','manage_users','export_tenant'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'export_tenant')
WHERE system AND name = 'superadmin' AND NOT 'export_tenant' = ANY (permissions);

--changeset parley:020-tenant-exports
-- Every export of a tenant's data, kept so that its superadmins can see who took their data and when; started_by is
-- one of the tenant's people (the platform's exports come with tenancy).
CREATE TABLE tenant_exports (
  id          bigserial PRIMARY KEY,
  tenant_id   bigint NOT NULL REFERENCES tenants (id),
  started_by  bigint REFERENCES users (id),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome     text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'complete', 'failed')),
  lines       bigint,
  bytes       bigint
);
CREATE INDEX tenant_exports_tenant ON tenant_exports (tenant_id, id DESC);
