--liquibase formatted sql

--changeset parley:030-search
-- Full-text search (message/Search*): whole words by the 'simple' text configuration, which suits every language, and
-- pieces of words ("deplo" finds "deployment") by trigrams. SEARCH_LANGUAGE adds an index of its own language at start.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_search_simple ON messages USING gin (to_tsvector('simple'::regconfig, content));
CREATE INDEX messages_content_trgm ON messages USING gin (content gin_trgm_ops);

--changeset parley:030-pins
-- A pinned message (is:pinned in search; pins of a room): when, and by whom.
ALTER TABLE messages ADD COLUMN pinned_at timestamptz, ADD COLUMN pinned_by bigint;
