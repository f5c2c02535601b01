DROP INDEX `sales_session`;--> statement-breakpoint
CREATE INDEX `sales_session_created` ON `sales` (`session_id`,`created_at`);