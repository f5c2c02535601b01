CREATE TABLE `pin_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`requester_id` text,
	`target_id` text,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pin_failures_requester` ON `pin_failures` (`requester_id`,`at`);--> statement-breakpoint
CREATE INDEX `pin_failures_target` ON `pin_failures` (`target_id`,`at`);--> statement-breakpoint
DROP TABLE `pin_attempts`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `failed_attempts`;