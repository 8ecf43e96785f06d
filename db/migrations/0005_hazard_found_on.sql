ALTER TABLE `hazards` ADD `found_on` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hazards logged before 发现日期 existed were found the day they were logged (Asia/Shanghai, the default zone).
UPDATE `hazards` SET `found_on` = date(`created_at` / 1000, 'unixepoch', '+8 hours') WHERE `found_on` = '';--> statement-breakpoint
CREATE INDEX `hazards_found` ON `hazards` (`found_on`);
