CREATE TABLE `reminder_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`recipient` text NOT NULL,
	`day` text NOT NULL,
	`chat_id` text,
	`item_ids` text NOT NULL,
	`place` text NOT NULL,
	`refused_code` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_cards_once` ON `reminder_cards` (`recipient`,`day`,`place`);--> statement-breakpoint
CREATE TABLE `reminder_items` (
	`id` text PRIMARY KEY NOT NULL,
	`recipient` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`label` text NOT NULL,
	`occasion` text NOT NULL,
	`kind` text NOT NULL,
	`stage` integer DEFAULT 0 NOT NULL,
	`line` text NOT NULL,
	`due_on` text NOT NULL,
	`sent_on` text NOT NULL,
	`unit_id` integer,
	`enterprise_name` text,
	`card_id` text NOT NULL,
	`acked_at` integer,
	`acked_by` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_items_once` ON `reminder_items` (`recipient`,`subject_kind`,`subject_id`,`occasion`);--> statement-breakpoint
CREATE INDEX `reminder_items_subject` ON `reminder_items` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `reminder_items_sent` ON `reminder_items` (`sent_on`);--> statement-breakpoint
CREATE TABLE `reminder_pauses` (
	`subject_kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`until` text NOT NULL,
	`reason` text,
	`paused_by` text NOT NULL,
	`paused_at` integer NOT NULL,
	PRIMARY KEY(`subject_kind`, `subject_id`)
);
