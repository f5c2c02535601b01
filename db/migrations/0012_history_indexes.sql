CREATE TABLE `outbox_counts` (
	`status` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `stock_movements_product`;--> statement-breakpoint
CREATE INDEX `stock_movements_product_order` ON `stock_movements` (`product_id`,`created_at`);--> statement-breakpoint
DROP INDEX `sessions_register_date`;--> statement-breakpoint
DROP INDEX `sessions_branch_date`;--> statement-breakpoint
DROP INDEX `sessions_user`;--> statement-breakpoint
CREATE INDEX `sessions_date_order` ON `sessions` (`business_date`,`opened_at`,`session_number`);--> statement-breakpoint
CREATE INDEX `sessions_register_date_order` ON `sessions` (`register_id`,`business_date`,`opened_at`,`session_number`);--> statement-breakpoint
CREATE INDEX `sessions_branch_date_order` ON `sessions` (`branch_id`,`business_date`,`opened_at`,`session_number`);--> statement-breakpoint
CREATE INDEX `sessions_user_date_order` ON `sessions` (`user_id`,`business_date`,`opened_at`,`session_number`);--> statement-breakpoint
CREATE INDEX `sessions_status_date_order` ON `sessions` (`status`,`business_date`,`opened_at`,`session_number`);--> statement-breakpoint
CREATE INDEX `sessions_register_sealed` ON `sessions` (`register_id`,`closed_at`) WHERE status IN ('CLOSED', 'TRANSFERRED');--> statement-breakpoint
DROP INDEX `sales_session_created`;--> statement-breakpoint
CREATE INDEX `sales_session_order` ON `sales` (`session_id`,`created_at`,`sale_number`);--> statement-breakpoint
DROP INDEX `print_jobs_register`;--> statement-breakpoint
CREATE INDEX `print_jobs_register_order` ON `print_jobs` (`register_id`,`created_at`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_idempotency` (
	`user_id` text NOT NULL,
	`request_id` text NOT NULL,
	`command` text NOT NULL,
	`reply` blob,
	`body_digest` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `request_id`)
);
--> statement-breakpoint
INSERT INTO `__new_idempotency`("user_id", "request_id", "command", "reply", "body_digest", "created_at") SELECT "user_id", "request_id", "command", "reply", "body_digest", "created_at" FROM `idempotency`;--> statement-breakpoint
DROP TABLE `idempotency`;--> statement-breakpoint
ALTER TABLE `__new_idempotency` RENAME TO `idempotency`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `idempotency_replies_age` ON `idempotency` (`created_at`) WHERE reply IS NOT NULL;--> statement-breakpoint
CREATE INDEX `idempotency_age` ON `idempotency` (`created_at`);--> statement-breakpoint
CREATE INDEX `grants_open_grantor` ON `grants` (`grantor_id`) WHERE consumed_at IS NULL;--> statement-breakpoint
CREATE INDEX `grants_open_requester` ON `grants` (`requested_by`) WHERE consumed_at IS NULL;--> statement-breakpoint
CREATE INDEX `pin_failures_at` ON `pin_failures` (`at`);--> statement-breakpoint
CREATE INDEX `products_name` ON `products` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_status_order` ON `outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_sent_at` ON `outbox` (`sent_at`);--> statement-breakpoint
INSERT INTO `outbox_counts` (`status`, `n`) SELECT `status`, COUNT(*) FROM `outbox` GROUP BY `status`;--> statement-breakpoint
CREATE TRIGGER `outbox_counts_insert` AFTER INSERT ON `outbox` BEGIN
	INSERT INTO `outbox_counts` (`status`, `n`) VALUES (NEW.status, 1) ON CONFLICT (`status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `outbox_counts_update` AFTER UPDATE OF `status` ON `outbox` WHEN OLD.status IS NOT NEW.status BEGIN
	UPDATE `outbox_counts` SET `n` = `n` - 1 WHERE `status` = OLD.status;
	INSERT INTO `outbox_counts` (`status`, `n`) VALUES (NEW.status, 1) ON CONFLICT (`status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `outbox_counts_delete` AFTER DELETE ON `outbox` BEGIN
	UPDATE `outbox_counts` SET `n` = `n` - 1 WHERE `status` = OLD.status;
END;
