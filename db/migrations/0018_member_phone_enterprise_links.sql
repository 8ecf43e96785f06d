ALTER TABLE `enterprises` ADD `liaison_leader_open_id` text;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `cadre_open_id` text;--> statement-breakpoint
ALTER TABLE `members` ADD `phone` text;