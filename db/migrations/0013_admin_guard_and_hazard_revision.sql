CREATE TABLE `admin_guard` (
	`ok` integer NOT NULL,
	CONSTRAINT "admin_remains" CHECK("admin_guard"."ok" = 1)
);
--> statement-breakpoint
ALTER TABLE `hazards` ADD `revision` integer DEFAULT 0 NOT NULL;