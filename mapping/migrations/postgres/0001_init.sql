-- Links, claims, poll cursors and processed deliveries.
CREATE TABLE {{prefix}}links (
	kind             VARCHAR(64) NOT NULL,
	woo_id           BIGINT      NOT NULL,
	nexo_id          BIGINT      NOT NULL,
	woo_fingerprint  TEXT        NOT NULL DEFAULT '',
	nexo_fingerprint TEXT        NOT NULL DEFAULT '',
	woo_modified     BIGINT      NOT NULL,
	nexo_modified    BIGINT      NOT NULL,
	updated_at       BIGINT      NOT NULL,
	CONSTRAINT {{prefix}}links_pkey PRIMARY KEY (kind, woo_id),
	CONSTRAINT {{prefix}}links_nexo UNIQUE (kind, nexo_id)
);
CREATE TABLE {{prefix}}claims (
	claim_key   VARCHAR(191) NOT NULL PRIMARY KEY,
	owner       VARCHAR(191) NOT NULL,
	lease_until BIGINT       NOT NULL
);
CREATE TABLE {{prefix}}cursors (
	name       VARCHAR(191) NOT NULL PRIMARY KEY,
	value      TEXT         NOT NULL,
	version    BIGINT       NOT NULL,
	updated_at BIGINT       NOT NULL
);
CREATE TABLE {{prefix}}deliveries (
	delivery_key VARCHAR(191) NOT NULL PRIMARY KEY,
	expires_at   BIGINT       NOT NULL
);
CREATE INDEX {{prefix}}deliveries_expires ON {{prefix}}deliveries (expires_at);
