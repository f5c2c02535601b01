ALTER TABLE `registers` ADD `discount_max_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `registers` ADD `discount_max_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `ledger_cash_out_refused` ON `ledger_entries` (`session_id`) WHERE kind = 'CASH_OUT_REFUSED';