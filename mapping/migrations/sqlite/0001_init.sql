-- Links, claims, poll cursors and processed deliveries.
CREATE TABLE {{prefix}}links (
	kind             TEXT    NOT NULL,
	woo_id           INTEGER NOT NULL,
	nexo_id          INTEGER NOT NULL,
	woo_fingerprint  TEXT    NOT NULL DEFAULT '',
	nexo_fingerprint TEXT    NOT NULL DEFAULT '',
	woo_modified     INTEGER NOT NULL,
	nexo_modified    INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	PRIMARY KEY (kind, woo_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX {{prefix}}links_nexo ON {{prefix}}links (kind, nexo_id);
CREATE TABLE {{prefix}}claims (
	claim_key   TEXT    NOT NULL PRIMARY KEY,
	owner       TEXT    NOT NULL,
	lease_until INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE {{prefix}}cursors (
	name       TEXT    NOT NULL PRIMARY KEY,
	value      TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE {{prefix}}deliveries (
	delivery_key TEXT    NOT NULL PRIMARY KEY,
	expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX {{prefix}}deliveries_expires ON {{prefix}}deliveries (expires_at);
