CREATE TABLE `outbox_files` (
	`outbox_id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`file_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`file_key` text
);
