CREATE TABLE `enforcement_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`enterprise_name` text NOT NULL,
	`sector_id` integer NOT NULL,
	`description` text NOT NULL,
	`case_on` text NOT NULL,
	`dangerous_work_crime` integer DEFAULT false NOT NULL,
	`reported_on` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `enforcement_cases_unit` ON `enforcement_cases` (`unit_id`,`case_on`);--> statement-breakpoint
CREATE TABLE `form4_filings` (
	`sector_id` integer NOT NULL,
	`month` text NOT NULL,
	`figures` text NOT NULL,
	`filer_unit` text NOT NULL,
	`filed_by` text NOT NULL,
	`filed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`sector_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `ledger_confirmations` (
	`unit_id` integer NOT NULL,
	`month` text NOT NULL,
	`fingerprint` text NOT NULL,
	`rows` integer NOT NULL,
	`confirmed_by` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `outbox_files` (
	`outbox_id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`file_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`file_key` text
);
