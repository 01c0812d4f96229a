--liquibase formatted sql

--changeset parley:013-chosen-presence
-- What each person chose to show (do-not-disturb, vacation, a status text and emoji), kept here so that it outlives
-- the presence store (memory, or Redis), which caches it next to the connections. Only people who chose something
-- have a row: clearing one's status deletes it. set_by is whoever set it: the person, or an admin
-- (manage_presence) who put them on vacation.
CREATE TABLE chosen_presence (
  tenant_id bigint NOT NULL REFERENCES tenants (id),
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state     text NOT NULL CHECK (state IN ('online', 'dnd', 'vacation')),
  text      text,
  emoji     text,
  set_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  set_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  CHECK (state <> 'online' OR text IS NOT NULL OR emoji IS NOT NULL)
);
