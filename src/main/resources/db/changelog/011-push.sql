--liquibase formatted sql

--changeset parley:011-server-keys
-- Keys every node must share and that must outlive a node's disk (a Heroku-style dyno loses its files on restart):
-- the VAPID key that browsers' push subscriptions are bound to.
CREATE TABLE server_keys (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

--changeset parley:011-push-subscriptions
-- endpoint: a Web Push endpoint URL, or an Expo push token. One device belongs to one person: registering it again
-- (someone else signed in on that browser) moves it.
CREATE TABLE push_subscriptions (
  id         bigserial PRIMARY KEY,
  tenant_id  bigint NOT NULL REFERENCES tenants (id),
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('webpush', 'expo')),
  endpoint   text NOT NULL,
  p256dh     text,
  auth       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'webpush') = (p256dh IS NOT NULL AND auth IS NOT NULL))
);
CREATE UNIQUE INDEX push_subscriptions_endpoint ON push_subscriptions (kind, endpoint);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

--changeset parley:011-push-settings
-- level: all (every message of one's rooms), direct (DMs, groups, mentions; the default) or none. Announcements
-- reach all but none.
CREATE TABLE push_settings (
  user_id  bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  level    text NOT NULL DEFAULT 'direct' CHECK (level IN ('all', 'direct', 'none')),
  previews boolean NOT NULL DEFAULT true
);
CREATE TABLE push_room_mutes (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  room_id bigint NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, room_id)
);

--changeset parley:011-push-outbox
-- One row per (device, item): the unique key means an item never goes twice to one device. A worker claims rows
-- (state sending, claimed_until) in one statement and reports each outcome in another, never holding a transaction
-- while it talks to a provider; a claim that runs out (the worker died) makes the row due again. A device that is
-- gone takes its pending rows with it; finished rows stay (subscription_id null) for the counts, a week long.
CREATE TABLE push_outbox (
  id                 bigserial PRIMARY KEY,
  tenant_id          bigint NOT NULL REFERENCES tenants (id),
  user_id            bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  subscription_id    bigint REFERENCES push_subscriptions (id) ON DELETE SET NULL,
  provider           text NOT NULL,
  item_key           text NOT NULL,
  payload            jsonb NOT NULL,
  state              text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz NOT NULL DEFAULT now(),
  claimed_until      timestamptz,
  ticket             text,
  receipt_checked_at timestamptz,
  last_status        integer,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz,
  UNIQUE (subscription_id, item_key)
);
CREATE INDEX push_outbox_due ON push_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX push_outbox_claimed ON push_outbox (claimed_until) WHERE state = 'sending';
CREATE INDEX push_outbox_receipts ON push_outbox (finished_at) WHERE ticket IS NOT NULL AND receipt_checked_at IS NULL;
CREATE INDEX push_outbox_user ON push_outbox (user_id, id DESC);
CREATE INDEX push_outbox_finished ON push_outbox (finished_at) WHERE finished_at IS NOT NULL;
