--liquibase formatted sql

--changeset parley:018-provider-vacation
-- Vacation the identity provider set (POST /api/idp/users/{externalId}/vacation): by_provider marks it, so that
-- neither the person nor an admin changes or clears it, only the provider; until, when given, ends it.
ALTER TABLE chosen_presence ADD COLUMN by_provider boolean NOT NULL DEFAULT false;
ALTER TABLE chosen_presence ADD COLUMN until timestamptz;
ALTER TABLE chosen_presence ADD CONSTRAINT chosen_presence_until_by_provider CHECK (until IS NULL OR by_provider);
CREATE INDEX chosen_presence_until ON chosen_presence (until) WHERE until IS NOT NULL;
