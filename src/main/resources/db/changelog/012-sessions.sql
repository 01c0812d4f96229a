--liquibase formatted sql

--changeset parley:012-sessions
-- One row per sign-in: a token's jti names its row, and a token whose row is gone (signed out, revoked, expired)
-- is refused. Ended sessions are deleted; nothing refers to them.
CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  tenant_id    bigint NOT NULL REFERENCES tenants (id),
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent   text NOT NULL DEFAULT '',
  ip           text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
