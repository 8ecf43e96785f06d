DROP INDEX `hazards_unit_status`;--> statement-breakpoint
DROP INDEX `hazards_sector_status`;--> statement-breakpoint
DROP INDEX `hazards_enterprise`;--> statement-breakpoint
CREATE INDEX `hazards_open_deadline` ON `hazards` (("status" = '已销号'),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_unit_open` ON `hazards` (`unit_id`,("status" = '已销号'),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_sector_open` ON `hazards` (`sector_id`,("status" = '已销号'),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise_open` ON `hazards` (`enterprise_id`,("status" = '已销号'),`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise_name` ON `hazards` (`enterprise_name`,("status" = '已销号'),`deadline`);