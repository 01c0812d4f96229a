--liquibase formatted sql

--changeset parley:024-platform-sessions
-- An operator's sign-ins to the platform console (POST /api/platform/auth/login): its token names one, which must still
-- be here for the token to work, so signing out ends it at once. Apart from every tenant's sessions.
CREATE TABLE platform_sessions (
  id          uuid PRIMARY KEY,
  operator_id bigint NOT NULL REFERENCES platform_operators (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX platform_sessions_operator ON platform_sessions (operator_id);
