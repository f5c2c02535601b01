CREATE TABLE `branches` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `branches_code_unique` ON `branches` (`code`);--> statement-breakpoint
CREATE TABLE `registers` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`specialty` text NOT NULL,
	`currency` text NOT NULL,
	`blind_close` integer NOT NULL,
	`difference_tolerance` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registers_tolerance_nonneg" CHECK("registers"."difference_tolerance" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registers_branch_code` ON `registers` (`branch_id`,`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text,
	`username` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `auth_tokens_user` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`permission` text NOT NULL,
	`grantor_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`consumed_at` text,
	`consumed_for` text,
	FOREIGN KEY (`grantor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pin_attempts` (
	`requester_id` text PRIMARY KEY NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`barcode` text,
	`name` text NOT NULL,
	`price` integer NOT NULL,
	`stock` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "products_price_nonneg" CHECK("products"."price" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku_unique` ON `products` (`sku`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_barcode_unique` ON `products` (`barcode`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_number` text NOT NULL,
	`branch_id` text NOT NULL,
	`register_id` text NOT NULL,
	`user_id` text NOT NULL,
	`currency` text NOT NULL,
	`business_date` text NOT NULL,
	`status` text NOT NULL,
	`opening_amount` integer NOT NULL,
	`opening_notes` text,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`closing_amount` integer,
	`expected_amount` integer,
	`difference` integer,
	`difference_type` text,
	`closing_notes` text,
	`closed_by` text,
	`approved_by` text,
	`previous_session_id` text,
	`sales_count` integer DEFAULT 0 NOT NULL,
	`sales_total` integer DEFAULT 0 NOT NULL,
	`deposits_total` integer DEFAULT 0 NOT NULL,
	`withdrawals_total` integer DEFAULT 0 NOT NULL,
	`total_cash` integer DEFAULT 0 NOT NULL,
	`total_debit_card` integer DEFAULT 0 NOT NULL,
	`total_credit_card` integer DEFAULT 0 NOT NULL,
	`total_qr` integer DEFAULT 0 NOT NULL,
	`total_card_terminal` integer DEFAULT 0 NOT NULL,
	`total_transfer` integer DEFAULT 0 NOT NULL,
	`total_check` integer DEFAULT 0 NOT NULL,
	`total_voucher` integer DEFAULT 0 NOT NULL,
	`total_other` integer DEFAULT 0 NOT NULL,
	`ledger_seq` integer DEFAULT 0 NOT NULL,
	`chain_head` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`register_id`) REFERENCES `registers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sessions_opening_nonneg" CHECK("sessions"."opening_amount" >= 0),
	CONSTRAINT "sessions_closing_nonneg" CHECK("sessions"."closing_amount" IS NULL OR "sessions"."closing_amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_session_number_unique` ON `sessions` (`session_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_one_active_per_register` ON `sessions` (`register_id`) WHERE status IN ('OPEN', 'SUSPENDED', 'COUNTING');--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_one_active_per_user` ON `sessions` (`user_id`) WHERE status IN ('OPEN', 'SUSPENDED', 'COUNTING');--> statement-breakpoint
CREATE INDEX `sessions_register_date` ON `sessions` (`register_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `sessions_branch_date` ON `sessions` (`branch_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`sale_number` text NOT NULL,
	`user_id` text NOT NULL,
	`total` integer NOT NULL,
	`change` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sales_total_nonneg" CHECK("sales"."total" >= 0),
	CONSTRAINT "sales_change_nonneg" CHECK("sales"."change" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_sale_number_unique` ON `sales` (`sale_number`);--> statement-breakpoint
CREATE INDEX `sales_session` ON `sales` (`session_id`);--> statement-breakpoint
CREATE TABLE `sale_lines` (
	`sale_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`total` integer NOT NULL,
	PRIMARY KEY(`sale_id`, `line_no`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sale_lines_qty_pos" CHECK("sale_lines"."quantity" > 0),
	CONSTRAINT "sale_lines_price_nonneg" CHECK("sale_lines"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`session_id` text NOT NULL,
	`method` text NOT NULL,
	`amount` integer NOT NULL,
	`tendered` integer NOT NULL,
	`change` integer NOT NULL,
	`reference` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount_pos" CHECK("payments"."amount" > 0),
	CONSTRAINT "payments_change_consistent" CHECK("payments"."change" >= 0 AND "payments"."tendered" = "payments"."amount" + "payments"."change")
);
--> statement-breakpoint
CREATE INDEX `payments_sale` ON `payments` (`sale_id`);--> statement-breakpoint
CREATE INDEX `payments_session` ON `payments` (`session_id`);--> statement-breakpoint
CREATE TABLE `cash_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`direction` text NOT NULL,
	`type` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`description` text,
	`reference` text,
	`destination_type` text,
	`created_by` text NOT NULL,
	`authorized_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorized_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cash_movements_amount_pos" CHECK("cash_movements"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `cash_movements_session` ON `cash_movements` (`session_id`);--> statement-breakpoint
CREATE TABLE `cash_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`type` text NOT NULL,
	`denominations` text NOT NULL,
	`total_bills` integer NOT NULL,
	`total_coins` integer NOT NULL,
	`total_cash` integer NOT NULL,
	`vouchers` integer NOT NULL,
	`checks` integer NOT NULL,
	`other_values` integer NOT NULL,
	`other_values_note` text,
	`total_with_others` integer NOT NULL,
	`expected_amount` integer NOT NULL,
	`difference` integer NOT NULL,
	`difference_type` text,
	`notes` text,
	`counted_by` text NOT NULL,
	`counted_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cash_counts_cash_sum" CHECK("cash_counts"."total_cash" = "cash_counts"."total_bills" + "cash_counts"."total_coins"),
	CONSTRAINT "cash_counts_difference" CHECK("cash_counts"."difference" = "cash_counts"."total_cash" - "cash_counts"."expected_amount")
);
--> statement-breakpoint
CREATE INDEX `cash_counts_session` ON `cash_counts` (`session_id`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`session_id`, `seq`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`scope` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency` (
	`user_id` text NOT NULL,
	`request_id` text NOT NULL,
	`command` text NOT NULL,
	`reply` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `request_id`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`sent_at` text,
	`receipt` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_session_id_unique` ON `outbox` (`session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
