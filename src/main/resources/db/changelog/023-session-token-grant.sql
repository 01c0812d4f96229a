--liquibase formatted sql

--changeset parley:023-session-token-grant
-- What the ID token that began a single sign-on session granted (parley.role.TokenGrant, encoded), with
-- AUTH_PERMISSIONS_CLAIM or AUTH_ROLES_CLAIM: the session's requests carry it, as a provider token's requests carry
-- their token's. Null for every other session. Gone with the session; a new sign-in reads the provider's claims anew.
ALTER TABLE sessions ADD COLUMN token_grant text;
