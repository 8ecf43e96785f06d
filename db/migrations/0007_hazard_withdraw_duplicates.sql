CREATE TABLE `pending_hazards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`open_id` text NOT NULL,
	`chat_id` text NOT NULL,
	`draft` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hazards_created` ON `hazards` (`created_at`);