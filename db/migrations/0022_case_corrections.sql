ALTER TABLE `enforcement_cases` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `enforcement_cases` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `enforcement_cases` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `enforcement_cases` ADD `delete_reason` text;