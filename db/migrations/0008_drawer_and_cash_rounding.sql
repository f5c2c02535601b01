ALTER TABLE `registers` ADD `no_sale_needs_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `registers` ADD `cash_rounding` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `drawer_openings` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `no_sale_openings` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `cash_rounding` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `cash_rounding` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `refunds` ADD `cash_rounding` integer DEFAULT 0 NOT NULL;