--liquibase formatted sql

--changeset parley:019-sso-logins
-- Sign-ins through the identity provider in progress (OIDC_ISSUER, parley.identity.SingleSignOn): one row from the
-- moment a browser is sent to the provider until it comes back, at most ten minutes. The row is kept here rather than
-- in one node's memory so that the provider may send the browser back to any node; the callback deletes it as it
-- reads it, so a code and state can be used once. id is the random value of the browser's short-lived cookie, which
-- binds the state to the browser that started the sign-in.
CREATE TABLE sso_logins (
  id            uuid PRIMARY KEY,
  state         text NOT NULL,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  redirect_uri  text NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);

--changeset parley:019-session-id-token
-- The provider's ID token of a session that single sign-on started (else NULL): signing out sends it to the
-- provider's end_session_endpoint as id_token_hint, so that the provider's session ends too. Gone with the session.
ALTER TABLE sessions ADD COLUMN id_token text;
