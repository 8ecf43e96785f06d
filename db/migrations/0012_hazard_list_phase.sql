DROP INDEX `hazards_open_deadline`;--> statement-breakpoint
DROP INDEX `hazards_unit_open`;--> statement-breakpoint
DROP INDEX `hazards_sector_open`;--> statement-breakpoint
DROP INDEX `hazards_enterprise_open`;--> statement-breakpoint
DROP INDEX `hazards_enterprise_name`;--> statement-breakpoint
CREATE INDEX `hazards_phase_deadline` ON `hazards` ((("status" = '已销号') + 2 * ("status" = '已撤销')),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_unit_phase` ON `hazards` (`unit_id`,(("status" = '已销号') + 2 * ("status" = '已撤销')),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_sector_phase` ON `hazards` (`sector_id`,(("status" = '已销号') + 2 * ("status" = '已撤销')),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise_phase` ON `hazards` (`enterprise_id`,(("status" = '已销号') + 2 * ("status" = '已撤销')),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise_name_phase` ON `hazards` (`enterprise_name`,(("status" = '已销号') + 2 * ("status" = '已撤销')),`deadline`);