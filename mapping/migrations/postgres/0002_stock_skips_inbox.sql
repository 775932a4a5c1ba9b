-- Per-link stock counters, skips and the event inbox.
ALTER TABLE {{prefix}}links ADD COLUMN woo_stock VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE {{prefix}}links ADD COLUMN nexo_stock VARCHAR(64) NOT NULL DEFAULT '';
CREATE TABLE {{prefix}}skips (
	kind        VARCHAR(64) NOT NULL,
	side        VARCHAR(16) NOT NULL,
	record_id   BIGINT      NOT NULL,
	reason      TEXT        NOT NULL,
	recorded_at BIGINT      NOT NULL,
	PRIMARY KEY (kind, side, record_id)
);
CREATE TABLE {{prefix}}inbox (
	seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	event_id     VARCHAR(191) NOT NULL UNIQUE,
	source       VARCHAR(64)  NOT NULL,
	topic        VARCHAR(191) NOT NULL,
	payload      BYTEA        NOT NULL,
	state        VARCHAR(16)  NOT NULL,
	attempts     INTEGER      NOT NULL DEFAULT 0,
	last_error   TEXT         NOT NULL DEFAULT '',
	lease_owner  VARCHAR(191) NOT NULL DEFAULT '',
	lease_until  BIGINT       NOT NULL,
	available_at BIGINT       NOT NULL,
	created_at   BIGINT       NOT NULL,
	updated_at   BIGINT       NOT NULL
);
CREATE INDEX {{prefix}}inbox_open ON {{prefix}}inbox (seq) WHERE state IN ('pending', 'claimed');
CREATE INDEX {{prefix}}inbox_state ON {{prefix}}inbox (state, seq);
CREATE INDEX {{prefix}}inbox_done ON {{prefix}}inbox (updated_at) WHERE state = 'done';
