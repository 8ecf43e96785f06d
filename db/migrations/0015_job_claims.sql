CREATE TABLE `job_claims` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`claimed_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`job`, `period`)
);
