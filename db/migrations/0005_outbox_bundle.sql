ALTER TABLE `outbox` ADD `bundle` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `chain_head` text;