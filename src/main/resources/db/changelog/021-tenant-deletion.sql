--liquibase formatted sql

--changeset parley:021-tenant-deletion
-- When a tenant's rows and files are to be deleted; null while it stays. The sweep that deletes it moves the moment an
-- hour on first, so that a node dying mid-way leaves the rest to another node an hour later.
ALTER TABLE tenants ADD COLUMN delete_after timestamptz;
CREATE INDEX tenants_delete_after ON tenants (delete_after) WHERE delete_after IS NOT NULL;
