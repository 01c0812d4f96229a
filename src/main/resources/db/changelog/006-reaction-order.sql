--liquibase formatted sql

--changeset parley:006-reaction-order
-- jsonb keeps object keys sorted by length and bytes, so the emoji of a message's reactions are listed here in the
-- order they were first used (an emoji leaves the list with its last reactor).
ALTER TABLE messages ADD COLUMN reaction_order text[] NOT NULL DEFAULT '{}';
UPDATE messages SET reaction_order = ARRAY(SELECT jsonb_object_keys(reactions)) WHERE reactions <> '{}';
