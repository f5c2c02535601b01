CREATE TABLE `product_barcodes` (
	`code` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_barcodes_product` ON `product_barcodes` (`product_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`delta` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text,
	`reason` text,
	`user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_movements_nonzero" CHECK("stock_movements"."delta" <> 0)
);
--> statement-breakpoint
CREATE INDEX `stock_movements_product` ON `stock_movements` (`product_id`);--> statement-breakpoint
CREATE TABLE `sale_voids` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`session_id` text NOT NULL,
	`total` integer NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`authorized_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorized_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_voids_sale_id_unique` ON `sale_voids` (`sale_id`);--> statement-breakpoint
CREATE INDEX `sale_voids_session` ON `sale_voids` (`session_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_number` text NOT NULL,
	`sale_id` text NOT NULL,
	`session_id` text NOT NULL,
	`method` text NOT NULL,
	`total` integer NOT NULL,
	`tax` integer NOT NULL,
	`reason` text NOT NULL,
	`damaged` integer NOT NULL,
	`user_id` text NOT NULL,
	`authorized_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorized_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_total_pos" CHECK("refunds"."total" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_refund_number_unique` ON `refunds` (`refund_number`);--> statement-breakpoint
CREATE INDEX `refunds_sale` ON `refunds` (`sale_id`);--> statement-breakpoint
CREATE INDEX `refunds_session` ON `refunds` (`session_id`);--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`refund_id` text NOT NULL,
	`sale_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`total` integer NOT NULL,
	`tax` integer NOT NULL,
	PRIMARY KEY(`refund_id`, `line_no`),
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refund_lines_qty_pos" CHECK("refund_lines"."quantity" > 0),
	CONSTRAINT "refund_lines_total_nonneg" CHECK("refund_lines"."total" >= 0)
);
--> statement-breakpoint
CREATE INDEX `refund_lines_sale` ON `refund_lines` (`sale_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `agent_providers` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kinds` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `agent_operations` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`commission` integer NOT NULL,
	`reference` text NOT NULL,
	`customer_ref` text,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider`) REFERENCES `agent_providers`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agent_operations_amount_pos" CHECK("agent_operations"."amount" > 0),
	CONSTRAINT "agent_operations_commission_nonneg" CHECK("agent_operations"."commission" >= 0)
);
--> statement-breakpoint
CREATE INDEX `agent_operations_session` ON `agent_operations` (`session_id`);--> statement-breakpoint
ALTER TABLE `registers` ADD `allow_negative_stock` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `registers` ADD `refund_approval_above` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `unit` text DEFAULT 'UNIT' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `category` text;--> statement-breakpoint
ALTER TABLE `products` ADD `tax_rate_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `search_key` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `products_search_key_unique` ON `products` (`search_key`);--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `voids_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `voids_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `refunds_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `refunds_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_cash_in` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_cash_out` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_top_up` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_commission` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `prior_session_id` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `prior_closing_amount` integer;--> statement-breakpoint
ALTER TABLE `sales` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `tax` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `unit` text DEFAULT 'UNIT' NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `gross` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `tax_rate_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `tax` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `card_last4` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `auth_code` text;--> statement-breakpoint
ALTER TABLE `cash_counts` ADD `tenders` text;