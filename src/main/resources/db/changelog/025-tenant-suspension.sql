--liquibase formatted sql

--changeset parley:025-tenant-suspension
-- When the platform suspended the tenant; null while it is active. Suspending ends every session of it and refuses
-- new ones, and deletes nothing (docs/tenancy.md).
ALTER TABLE tenants ADD COLUMN suspended_at timestamptz;
