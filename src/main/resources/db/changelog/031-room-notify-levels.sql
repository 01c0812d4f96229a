--liquibase formatted sql

--changeset parley:031-room-notify-levels
-- A person's level for one room, for the open app (sounds, badges, the tab title) and for pushes alike: all, mentions
-- or nothing. No row: the room follows the person's own level (push_settings). A room muted before this change was
-- "only messages that name me" for pushes; it becomes "nothing", which is what muting now means.
ALTER TABLE push_room_mutes RENAME TO push_room_levels;
ALTER TABLE push_room_levels ADD COLUMN level text NOT NULL DEFAULT 'nothing' CHECK (level IN ('all', 'mentions', 'nothing'));
ALTER TABLE push_room_levels ALTER COLUMN level DROP DEFAULT;
