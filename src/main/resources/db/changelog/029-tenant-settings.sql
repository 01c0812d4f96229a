--liquibase formatted sql

--changeset parley:029-tenant-settings
-- A tenant's own settings (tenant/TenantSettings): only the keys it set; a key left out takes the install's setting.
ALTER TABLE tenants ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

--changeset parley:029-manage-tenant-settings splitStatements:false
-- manage_tenant_settings: change the settings a tenant may change itself (PATCH /api/tenant/settings).
CREATE OR REPLACE FUNCTION create_system_roles(tenant bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO roles (tenant_id, name, rank, permissions, system) VALUES
    (tenant, 'member', 10, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users'], true),
    (tenant, 'moderator', 500, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                      'mention_everyone','create_rooms','kick_users','set_room_topic','delete_any_message',
                                      'manage_presence'], true),
    (tenant, 'superadmin', 1000, ARRAY['send_messages','browse_rooms','join_rooms','leave_rooms','upload_files','mention_users',
                                        'mention_everyone','create_rooms','kick_users','set_room_topic','delete_rooms','promote_users',
                                        'manage_invites','manage_roles','change_display_names','delete_any_message',
                                        'manage_announcements','view_admin','manage_presence','manage_users','export_tenant',
                                        'manage_tenant_settings'], true);
$$;
UPDATE roles SET permissions = array_append(permissions, 'manage_tenant_settings')
WHERE system AND name = 'superadmin' AND NOT 'manage_tenant_settings' = ANY (permissions);
