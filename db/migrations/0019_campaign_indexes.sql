DROP INDEX `hazards_found`;--> statement-breakpoint
CREATE INDEX `hazards_found_cover` ON `hazards` (`found_on`,`level`,`status`,`source`,`unit_id`,`sector_id`);--> statement-breakpoint
CREATE INDEX `hazard_events_hazard_kind` ON `hazard_events` (`hazard_id`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `hazard_events_kind_at` ON `hazard_events` (`kind`,`at`,`hazard_id`);