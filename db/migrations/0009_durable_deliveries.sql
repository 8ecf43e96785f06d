CREATE TABLE `delivery_steps` (
	`delivery` text NOT NULL,
	`seq` integer NOT NULL,
	`reads` text NOT NULL,
	`statement` text NOT NULL,
	`changes` integer NOT NULL,
	`last_rowid` integer,
	`returned` text,
	PRIMARY KEY(`delivery`, `seq`)
);
--> statement-breakpoint
ALTER TABLE `deliveries` ADD `payload` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `deliveries_unfinished` ON `deliveries` (`lease_until`) WHERE "deliveries"."payload" IS NOT NULL;