--liquibase formatted sql

--changeset parley:016-lean-send
-- Every new message checked these two foreign keys by locking the referenced row (a WAL record each), and the
-- tenants row, shared by all of a tenant's senders at once, became a multixact: with them, 9.8 WAL records per
-- message, a third of them these locks. They guard nothing the insert does not: the statement takes tenant_id from
-- a room of that tenant, and author_id is the caller's own id; users are deactivated, never deleted, and a
-- tenant's removal deletes its rows itself. The room's key stays: deleting a room deletes its messages through it.
ALTER TABLE messages DROP CONSTRAINT messages_tenant_id_fkey;
ALTER TABLE messages DROP CONSTRAINT messages_author_id_fkey;
