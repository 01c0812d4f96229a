--liquibase formatted sql

--changeset parley:001-tenants
CREATE TABLE tenants (
  id         bigserial PRIMARY KEY,
  slug       text NOT NULL UNIQUE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenants (id, slug, name) VALUES (1, 'default', 'Parley');
SELECT setval('tenants_id_seq', 1);

--changeset parley:001-users
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  tenant_id     bigint NOT NULL REFERENCES tenants (id),
  username      text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('member', 'moderator', 'superadmin')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, username)
);

--changeset parley:001-rooms
CREATE TABLE rooms (
  id          bigserial PRIMARY KEY,
  tenant_id   bigint NOT NULL REFERENCES tenants (id),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  private     boolean NOT NULL DEFAULT false,
  is_default  boolean NOT NULL DEFAULT false,
  last_seq    bigint NOT NULL DEFAULT 0,
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX rooms_tenant_name ON rooms (tenant_id, lower(name));
INSERT INTO rooms (tenant_id, name, description, is_default) VALUES (1, 'general', 'Everyone, everything', true);

--changeset parley:001-room-members
CREATE TABLE room_members (
  room_id   bigint NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id bigint NOT NULL REFERENCES tenants (id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_members_user ON room_members (user_id);

--changeset parley:001-messages
CREATE TABLE messages (
  id            bigserial PRIMARY KEY,
  tenant_id     bigint NOT NULL REFERENCES tenants (id),
  room_id       bigint NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  seq           bigint NOT NULL,
  author_id     bigint NOT NULL REFERENCES users (id),
  content       text NOT NULL,
  client_msg_id text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (room_id, seq)
);
CREATE UNIQUE INDEX messages_client_msg_id ON messages (room_id, author_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
