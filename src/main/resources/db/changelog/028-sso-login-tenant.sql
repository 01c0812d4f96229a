--liquibase formatted sql

--changeset parley:028-sso-login-tenant
-- The tenant of the host a sign-in through the identity provider began on: it finishes into that tenant, and only on
-- its hosts (docs/tenancy.md). Sign-ins under way at the upgrade began where every request then went, the default
-- tenant. Gone with the tenant.
ALTER TABLE sso_logins ADD COLUMN tenant_id bigint NOT NULL DEFAULT 1 REFERENCES tenants (id) ON DELETE CASCADE;
ALTER TABLE sso_logins ALTER COLUMN tenant_id DROP DEFAULT;
