--liquibase formatted sql

--changeset parley:004-room-kind
-- channel: named, public or private. dm: exactly two people, one per pair. group: a private chat of 3–50 people.
ALTER TABLE rooms ADD COLUMN kind text NOT NULL DEFAULT 'channel' CHECK (kind IN ('channel', 'dm', 'group'));
-- 'low:high' of the two user ids: the unique index below makes a second DM of the same pair impossible.
ALTER TABLE rooms ADD COLUMN dm_key text;
ALTER TABLE rooms ADD CONSTRAINT rooms_dm_key_only_for_dms CHECK ((kind = 'dm') = (dm_key IS NOT NULL));
ALTER TABLE rooms ADD CONSTRAINT rooms_conversations_private CHECK (kind = 'channel' OR (private AND NOT is_default));
CREATE UNIQUE INDEX rooms_tenant_dm_key ON rooms (tenant_id, dm_key) WHERE dm_key IS NOT NULL;

--changeset parley:004-channel-names
-- Only channels are named uniquely; a group's name is a label, and a DM has none.
DROP INDEX rooms_tenant_name;
CREATE UNIQUE INDEX rooms_tenant_name ON rooms (tenant_id, lower(name)) WHERE kind = 'channel';
