ALTER TABLE `hazards` DROP COLUMN `supervision_level`;--> statement-breakpoint
ALTER TABLE `hazards` DROP COLUMN `supervision_doc`;--> statement-breakpoint
ALTER TABLE `hazards` DROP COLUMN `supervision_date`;--> statement-breakpoint
ALTER TABLE `hazards` DROP COLUMN `progress_due`;