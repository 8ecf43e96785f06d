ALTER TABLE `hazards` ADD `deadline_extensions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `hazards` ADD `original_deadline` text;