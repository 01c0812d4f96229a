--liquibase formatted sql

--changeset parley:017-external-identity
-- People an external identity provider signs in (AUTH_MODE external or both, parley.identity): external_id is the
-- token's subject, an opaque string, one user per subject per tenant; the profile columns are what its claims said
-- last. Such a user has no password (NULL), so no password can sign them in; every account keeps one way in.
ALTER TABLE users ADD COLUMN external_id text;
ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN avatar_url text;
ALTER TABLE users ADD COLUMN locale text;
ALTER TABLE users ADD CONSTRAINT users_tenant_id_external_id_key UNIQUE (tenant_id, external_id);
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_password_or_external CHECK (password_hash IS NOT NULL OR external_id IS NOT NULL);

--changeset parley:017-external-tokens
-- Each external token Parley has taken, until it expires. Its first use starts its session (sessions.id is
-- session_id, derived from the token); this row remembers that it did, so that a token whose session was ended
-- (signed out everywhere, deactivated) does not start another one.
CREATE TABLE external_tokens (
  session_id uuid PRIMARY KEY,
  tenant_id  bigint NOT NULL REFERENCES tenants (id),
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX external_tokens_expiry ON external_tokens (expires_at);
