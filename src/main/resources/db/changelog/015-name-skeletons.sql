--liquibase formatted sql

--changeset parley:015-name-skeletons
-- What names look like (Unicode TS #39 confusable skeletons, parley.name.Skeletons): a user's username and display
-- name, a channel's name. A new name whose skeletons overlap another user's (or channel's) is refused, so the check
-- is one `&&` on these arrays. Skeletons are computed in Java, so rows from before this changeset get theirs when
-- the server starts (parley.name.SkeletonBackfill); a row left NULL is one that backfill has not reached yet.
ALTER TABLE users ADD COLUMN name_skeletons text[];
ALTER TABLE rooms ADD COLUMN name_skeletons text[];
-- By skeleton alone, not (tenant_id, skeleton): a GIN index cannot hold a bigint without the btree_gin extension,
-- and a skeleton is shared by a handful of rows across all tenants, which the tenant condition then filters.
CREATE INDEX users_name_skeletons ON users USING gin (name_skeletons);
CREATE INDEX rooms_name_skeletons ON rooms USING gin (name_skeletons) WHERE kind = 'channel';
