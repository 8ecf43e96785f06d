CREATE TABLE `pending_uploads` (
	`open_id` text NOT NULL,
	`chat_id` text NOT NULL,
	`purpose` text NOT NULL,
	`params` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`open_id`, `chat_id`)
);
