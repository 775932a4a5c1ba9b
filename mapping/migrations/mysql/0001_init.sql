-- Links, claims, poll cursors and processed deliveries.
CREATE TABLE {{prefix}}links (
	kind             VARCHAR(64) NOT NULL,
	woo_id           BIGINT      NOT NULL,
	nexo_id          BIGINT      NOT NULL,
	woo_fingerprint  MEDIUMTEXT  NOT NULL,
	nexo_fingerprint MEDIUMTEXT  NOT NULL,
	woo_modified     BIGINT      NOT NULL,
	nexo_modified    BIGINT      NOT NULL,
	updated_at       BIGINT      NOT NULL,
	PRIMARY KEY (kind, woo_id),
	UNIQUE KEY {{prefix}}links_nexo (kind, nexo_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE {{prefix}}claims (
	claim_key   VARCHAR(191) NOT NULL PRIMARY KEY,
	owner       VARCHAR(191) NOT NULL,
	lease_until BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE {{prefix}}cursors (
	name       VARCHAR(191) NOT NULL PRIMARY KEY,
	value      MEDIUMTEXT   NOT NULL,
	version    BIGINT       NOT NULL,
	updated_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE {{prefix}}deliveries (
	delivery_key VARCHAR(191) NOT NULL PRIMARY KEY,
	expires_at   BIGINT       NOT NULL,
	KEY {{prefix}}deliveries_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
