-- Per-link stock counters, skips and the event inbox.
ALTER TABLE {{prefix}}links ADD COLUMN woo_stock VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN nexo_stock VARCHAR(64) NOT NULL DEFAULT '';
CREATE TABLE {{prefix}}skips (
	kind        VARCHAR(64) NOT NULL,
	side        VARCHAR(16) NOT NULL,
	record_id   BIGINT      NOT NULL,
	reason      MEDIUMTEXT  NOT NULL,
	recorded_at BIGINT      NOT NULL,
	PRIMARY KEY (kind, side, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE {{prefix}}inbox (
	seq          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
	event_id     VARCHAR(191) NOT NULL,
	source       VARCHAR(64)  NOT NULL,
	topic        VARCHAR(191) NOT NULL,
	payload      LONGBLOB     NOT NULL,
	state        VARCHAR(16)  NOT NULL,
	attempts     INT          NOT NULL DEFAULT 0,
	last_error   TEXT         NOT NULL,
	lease_owner  VARCHAR(191) NOT NULL DEFAULT '',
	lease_until  BIGINT       NOT NULL,
	available_at BIGINT       NOT NULL,
	created_at   BIGINT       NOT NULL,
	updated_at   BIGINT       NOT NULL,
	UNIQUE KEY {{prefix}}inbox_event (event_id),
	KEY {{prefix}}inbox_state (state, seq),
	KEY {{prefix}}inbox_done (state, updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
