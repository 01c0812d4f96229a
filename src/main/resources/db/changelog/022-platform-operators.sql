--liquibase formatted sql

--changeset parley:022-platform-operators
-- The platform's operators: above every tenant and members of none (docs/tenancy.md). Made by the command line
-- (admin create-operator) or, on a first start, from PLATFORM_ADMIN_PASSWORD.
CREATE TABLE platform_operators (
  id                  bigserial PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  password_hash       text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);
