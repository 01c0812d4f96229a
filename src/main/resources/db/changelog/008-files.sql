--liquibase formatted sql

--changeset parley:008-files
-- Uploaded files. The bytes live in the BlobStore under 'files/<id>' (and 'files/<id>.thumb' for an image's
-- thumbnail); this row says what they are and who may read them. A file is attached to at most one message: until
-- then, or once that message is deleted, only its uploader can read it, and the clean-up job removes it 24 hours
-- after its upload. stored is false while the upload is still streaming.
CREATE TABLE files (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  uploader_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name           text NOT NULL DEFAULT '',
  content_type   text NOT NULL DEFAULT 'application/octet-stream',
  size           bigint NOT NULL DEFAULT 0,
  sha256         text,
  width          integer,
  height         integer,
  thumbnail_type text,
  thumbnail_size bigint,
  stored         boolean NOT NULL DEFAULT false,
  message_id     bigint REFERENCES messages (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_uploader ON files (uploader_id);
CREATE INDEX files_message ON files (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX files_unattached ON files (created_at) WHERE message_id IS NULL;

-- What a message shows of its files, copied when it is sent, so history reads no other table.
ALTER TABLE messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';

-- The PostgreSQL BlobStore: each blob in parts of 256 KB, so no statement moves a whole file. The bytes are
-- mostly compressed already (images, audio, video), so PostgreSQL should not try again.
CREATE TABLE blob_chunks (
  key  text NOT NULL,
  part integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (key, part)
);
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
