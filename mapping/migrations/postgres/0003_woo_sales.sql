-- WooCommerce's total_sales at the last sync, so that a stock change made by
-- an order is told from one made by a person.
ALTER TABLE {{prefix}}links ADD COLUMN woo_sales VARCHAR(64) NOT NULL DEFAULT '';
