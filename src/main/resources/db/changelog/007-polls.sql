--liquibase formatted sql

--changeset parley:007-polls
-- A poll is a message of kind poll: messages.poll holds what it asks ({question, options: [{id, text}], multiple,
-- anonymous, closesAt, closed}); poll_votes holds who chose what. A vote changes the message, so it takes the
-- room's next change number like an edit and reaches reconnecting clients through chat.sync.
ALTER TABLE messages DROP CONSTRAINT messages_kind_check;
ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (kind IN ('text', 'action', 'system', 'poll'));
ALTER TABLE messages ADD COLUMN poll jsonb;
CREATE TABLE poll_votes (
  message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  option_id  integer NOT NULL,
  PRIMARY KEY (message_id, user_id, option_id)
);
