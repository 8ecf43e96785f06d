CREATE TABLE `reference_seeds` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
DROP INDEX `enterprises_name_unique`;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `retired_reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_active_name` ON `enterprises` (`name`) WHERE "enterprises"."retired_at" IS NULL;--> statement-breakpoint
DROP INDEX `units_name_unique`;--> statement-breakpoint
ALTER TABLE `units` ADD `seed_key` text;--> statement-breakpoint
ALTER TABLE `units` ADD `retired_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `units_active_name` ON `units` (`name`) WHERE "units"."retired_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `units_seed_key` ON `units` (`seed_key`);--> statement-breakpoint
ALTER TABLE `sectors` ADD `seed_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sectors_seed_key_unique` ON `sectors` (`seed_key`);