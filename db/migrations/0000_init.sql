CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_subject` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `bind_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`open_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	`enterprise_id` integer,
	`chat_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `card_submissions` (
	`key` text PRIMARY KEY NOT NULL,
	`result` text NOT NULL,
	`at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer NOT NULL,
	`sector_id` integer NOT NULL,
	`head_name` text NOT NULL,
	`head_phone` text,
	`liaison_leader` text,
	`liaison_leader_phone` text,
	`cadre_name` text,
	`cadre_phone` text,
	`high_risk` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_name_unique` ON `enterprises` (`name`);--> statement-breakpoint
CREATE INDEX `enterprises_unit` ON `enterprises` (`unit_id`);--> statement-breakpoint
CREATE INDEX `enterprises_sector` ON `enterprises` (`sector_id`);--> statement-breakpoint
CREATE TABLE `hazard_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hazard_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hazard_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`from_status` text,
	`to_status` text,
	`image_key` text
);
--> statement-breakpoint
CREATE INDEX `hazard_events_hazard` ON `hazard_events` (`hazard_id`,`at`);--> statement-breakpoint
CREATE TABLE `hazards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`unit_id` integer NOT NULL,
	`enterprise_id` integer,
	`enterprise_name` text NOT NULL,
	`sector_id` integer NOT NULL,
	`description` text NOT NULL,
	`measures` text NOT NULL,
	`deadline` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`supervision_level` text,
	`supervision_doc` text,
	`supervision_date` text,
	`progress_due` text,
	`reported_by` text NOT NULL,
	`checked_by` text,
	`closed_at` integer,
	`chat_id` text,
	`card_message_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hazards_number` ON `hazards` (`number`);--> statement-breakpoint
CREATE INDEX `hazards_unit_status` ON `hazards` (`unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_sector_status` ON `hazards` (`sector_id`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_status_deadline` ON `hazards` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise` ON `hazards` (`enterprise_id`);--> statement-breakpoint
CREATE INDEX `hazards_card` ON `hazards` (`card_message_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`open_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	`enterprise_id` integer,
	`bound_by` text NOT NULL,
	`bound_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`receive_id_type` text,
	`receive_id` text,
	`reply_to` text,
	`msg_type` text NOT NULL,
	`content` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`message_id` text,
	`ref` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_ref` ON `outbox` (`ref`);--> statement-breakpoint
CREATE TABLE `sector_members` (
	`sector_id` integer NOT NULL,
	`open_id` text NOT NULL,
	`duty` text NOT NULL,
	PRIMARY KEY(`sector_id`, `open_id`, `duty`)
);
--> statement-breakpoint
CREATE TABLE `sectors` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`leaders_text` text NOT NULL,
	`cadres_text` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sectors_name_unique` ON `sectors` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);