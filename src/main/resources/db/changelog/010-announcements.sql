--liquibase formatted sql

--changeset parley:010-announcements
-- One-shot notices to a resolved set of people. The audience is kept as sent, for the sender's view; who received
-- it is the recipient rows, resolved once when it was sent.
CREATE TABLE announcements (
  id           bigserial PRIMARY KEY,
  tenant_id    bigint NOT NULL REFERENCES tenants (id),
  sender_id    bigint NOT NULL REFERENCES users (id),
  title        text NOT NULL,
  body         text NOT NULL,
  require_ack  boolean NOT NULL DEFAULT false,
  audience     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE INDEX announcements_tenant ON announcements (tenant_id, id DESC);

-- delivered_at: when one of the person's devices had it (a live connection when it was sent, a listing, a push);
-- read_at and acked_at only ever go from null to a time.
CREATE TABLE announcement_recipients (
  announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delivered_at    timestamptz,
  read_at         timestamptz,
  acked_at        timestamptz,
  PRIMARY KEY (announcement_id, user_id)
);
CREATE INDEX announcement_recipients_user ON announcement_recipients (user_id, announcement_id DESC);

CREATE TABLE announcement_reactions (
  announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  emoji           text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, emoji, user_id)
);
