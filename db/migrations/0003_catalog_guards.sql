-- Catalog search index, append-only guards for the new ledger tables, and carrying existing rows into the new rules.
-- Custom migration (drizzle-kit does not model virtual tables or triggers).
--> statement-breakpoint
-- Name search: FTS5 with diacritics folded ("cafe" finds "Café"); its rowid is products.search_key, which is stable
-- (unlike a table's implicit rowid, which VACUUM may renumber). Kept in step by triggers on name changes only, so a
-- stock update on every sale never touches the index.
CREATE VIRTUAL TABLE `products_fts` USING fts5(`name`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
--> statement-breakpoint
CREATE TRIGGER `products_fts_insert` AFTER INSERT ON `products` WHEN NEW.search_key IS NOT NULL
BEGIN INSERT INTO products_fts(rowid, name) VALUES (NEW.search_key, NEW.name); END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_update` AFTER UPDATE OF `name`, `search_key` ON `products`
BEGIN
  DELETE FROM products_fts WHERE rowid = OLD.search_key;
  INSERT INTO products_fts(rowid, name) SELECT NEW.search_key, NEW.name WHERE NEW.search_key IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_delete` AFTER DELETE ON `products`
BEGIN DELETE FROM products_fts WHERE rowid = OLD.search_key; END;
--> statement-breakpoint
-- Existing products: a search key, their barcode in the barcode table, stock in thousandths with an INITIAL movement.
UPDATE `products` SET `search_key` = rowid, `stock` = `stock` * 1000;
--> statement-breakpoint
INSERT INTO `product_barcodes` (`code`, `product_id`) SELECT `barcode`, `id` FROM `products` WHERE `barcode` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `stock_movements` (`id`, `product_id`, `delta`, `kind`, `reason`, `created_at`)
SELECT 'initial-' || `id`, `id`, `stock`, 'INITIAL', 'migration 0003', `updated_at` FROM `products` WHERE `stock` <> 0;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_no_update` BEFORE UPDATE ON `stock_movements`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: stock_movements rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_no_delete` BEFORE DELETE ON `stock_movements`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: stock_movements rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_voids_no_update` BEFORE UPDATE ON `sale_voids`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sale_voids rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_voids_no_delete` BEFORE DELETE ON `sale_voids`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sale_voids rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_no_update` BEFORE UPDATE ON `refunds`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: refunds rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_no_delete` BEFORE DELETE ON `refunds`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: refunds rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `refund_lines_no_update` BEFORE UPDATE ON `refund_lines`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: refund_lines rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `refund_lines_no_delete` BEFORE DELETE ON `refund_lines`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: refund_lines rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `agent_operations_no_update` BEFORE UPDATE ON `agent_operations`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: agent_operations rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `agent_operations_no_delete` BEFORE DELETE ON `agent_operations`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: agent_operations rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `products_tax_rate_check_insert` BEFORE INSERT ON `products`
WHEN NEW.tax_rate_bp < 0 OR NEW.tax_rate_bp > 10000
BEGIN SELECT RAISE(ABORT, 'CHECK: products.tax_rate_bp out of range'); END;
--> statement-breakpoint
CREATE TRIGGER `products_tax_rate_check_update` BEFORE UPDATE OF `tax_rate_bp` ON `products`
WHEN NEW.tax_rate_bp < 0 OR NEW.tax_rate_bp > 10000
BEGIN SELECT RAISE(ABORT, 'CHECK: products.tax_rate_bp out of range'); END;
