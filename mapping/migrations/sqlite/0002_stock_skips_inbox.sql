-- Per-link stock counters, skips and the event inbox.
ALTER TABLE {{prefix}}links ADD COLUMN woo_stock TEXT NOT NULL DEFAULT '';
ALTER TABLE {{prefix}}links ADD COLUMN nexo_stock TEXT NOT NULL DEFAULT '';
CREATE TABLE {{prefix}}skips (
	kind        TEXT    NOT NULL,
	side        TEXT    NOT NULL,
	record_id   INTEGER NOT NULL,
	reason      TEXT    NOT NULL,
	recorded_at INTEGER NOT NULL,
	PRIMARY KEY (kind, side, record_id)
) WITHOUT ROWID;
CREATE TABLE {{prefix}}inbox (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id     TEXT    NOT NULL UNIQUE,
	source       TEXT    NOT NULL,
	topic        TEXT    NOT NULL,
	payload      BLOB    NOT NULL,
	state        TEXT    NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT    NOT NULL DEFAULT '',
	lease_owner  TEXT    NOT NULL DEFAULT '',
	lease_until  INTEGER NOT NULL,
	available_at INTEGER NOT NULL,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);
CREATE INDEX {{prefix}}inbox_open ON {{prefix}}inbox (seq) WHERE state IN ('pending', 'claimed');
CREATE INDEX {{prefix}}inbox_state ON {{prefix}}inbox (state, seq);
CREATE INDEX {{prefix}}inbox_done ON {{prefix}}inbox (updated_at) WHERE state = 'done';
