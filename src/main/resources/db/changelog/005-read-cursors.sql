--liquibase formatted sql

--changeset parley:005-read-cursors
-- A member's read cursor: every change of the room up to read_seq counts as read. It only moves forward. Existing
-- members start with everything read, as does anyone who joins later (the insert sets it to the room's last_seq),
-- so nobody is greeted by a room's whole history as unread.
ALTER TABLE room_members ADD COLUMN read_seq bigint NOT NULL DEFAULT 0;
UPDATE room_members rm SET read_seq = r.last_seq FROM rooms r WHERE r.id = rm.room_id;
