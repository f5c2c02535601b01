-- Ledger guards: the ledger tables are append-only, a sealed session takes no new entry, a closed session row is final.
-- Custom migration (drizzle-kit does not model triggers).
--> statement-breakpoint
CREATE TRIGGER `sales_no_update` BEFORE UPDATE ON `sales`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sales rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `sales_no_delete` BEFORE DELETE ON `sales`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sales rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_no_update` BEFORE UPDATE ON `sale_lines`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sale_lines rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_no_delete` BEFORE DELETE ON `sale_lines`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: sale_lines rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `payments_no_update` BEFORE UPDATE ON `payments`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: payments rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `payments_no_delete` BEFORE DELETE ON `payments`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: payments rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `cash_movements_no_update` BEFORE UPDATE ON `cash_movements`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: cash_movements rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `cash_movements_no_delete` BEFORE DELETE ON `cash_movements`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: cash_movements rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `cash_counts_no_update` BEFORE UPDATE ON `cash_counts`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: cash_counts rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `cash_counts_no_delete` BEFORE DELETE ON `cash_counts`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: cash_counts rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: ledger_entries rows are never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: ledger_entries rows are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_sealed` BEFORE INSERT ON `ledger_entries`
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) IN ('CLOSED', 'TRANSFERRED')
BEGIN SELECT RAISE(ABORT, 'LEDGER_SEALED: the session is closed'); END;
--> statement-breakpoint
CREATE TRIGGER `sessions_final` BEFORE UPDATE ON `sessions`
WHEN OLD.status IN ('CLOSED', 'TRANSFERRED')
BEGIN SELECT RAISE(ABORT, 'SESSION_FINAL: a closed session is never changed'); END;
