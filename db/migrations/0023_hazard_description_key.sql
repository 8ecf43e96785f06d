ALTER TABLE `hazards` ADD `description_key` text;--> statement-breakpoint
CREATE INDEX `hazards_description_key` ON `hazards` (`description_key`,`created_at`);