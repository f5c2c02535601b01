CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`register_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`document` text NOT NULL,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error_code` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`printed_at` text,
	FOREIGN KEY (`register_id`) REFERENCES `registers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "print_jobs_attempts_nonneg" CHECK("print_jobs"."attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX `print_jobs_due` ON `print_jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `print_jobs_register` ON `print_jobs` (`register_id`,`created_at`);