--liquibase formatted sql

--changeset parley:027-platform-exports
-- An export the platform started for a tenant that asked (GET /api/platform/tenants/:id/export): the operator who
-- started it, shown to the tenant's superadmins with the exports their own people started.
ALTER TABLE tenant_exports ADD COLUMN started_by_operator bigint REFERENCES platform_operators (id) ON DELETE SET NULL;
