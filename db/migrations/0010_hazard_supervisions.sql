CREATE TABLE `hazard_supervisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hazard_id` integer NOT NULL,
	`level` text NOT NULL,
	`doc` text NOT NULL,
	`posted_on` text NOT NULL,
	`due_on` text NOT NULL,
	`posted_by` text NOT NULL,
	`posted_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	`withdraw_reason` text
);
--> statement-breakpoint
CREATE INDEX `hazard_supervisions_hazard` ON `hazard_supervisions` (`hazard_id`,`withdrawn_at`);--> statement-breakpoint
ALTER TABLE `hazards` ADD `progress_met_on` text;--> statement-breakpoint
-- The one posting each hazard kept in its columns becomes its first history row; who posted it and when come
-- from its latest 'supervised' event (the columns kept the latest posting), else from the hazard itself.
INSERT INTO `hazard_supervisions` (`hazard_id`, `level`, `doc`, `posted_on`, `due_on`, `posted_by`, `posted_at`)
SELECT
	h.`id`,
	h.`supervision_level`,
	coalesce(h.`supervision_doc`, ''),
	coalesce(h.`supervision_date`, h.`found_on`),
	coalesce(h.`progress_due`, coalesce(h.`supervision_date`, h.`found_on`)),
	coalesce((SELECT e.`actor` FROM `hazard_events` e WHERE e.`hazard_id` = h.`id` AND e.`kind` = 'supervised' ORDER BY e.`at` DESC, e.`id` DESC LIMIT 1), h.`reported_by`),
	coalesce((SELECT e.`at` FROM `hazard_events` e WHERE e.`hazard_id` = h.`id` AND e.`kind` = 'supervised' ORDER BY e.`at` DESC, e.`id` DESC LIMIT 1), h.`updated_at`)
FROM `hazards` h
WHERE h.`supervision_level` IS NOT NULL;
--> statement-breakpoint
-- Substantive progress, for those hazards: the first 整改完成 at or after the posting (its day in Asia/Shanghai).
UPDATE `hazards` SET `progress_met_on` = (
	SELECT date(min(e.`at`) / 1000, 'unixepoch', '+8 hours')
	FROM `hazard_events` e, `hazard_supervisions` s
	WHERE s.`hazard_id` = `hazards`.`id` AND e.`hazard_id` = `hazards`.`id` AND e.`kind` = 'rectified' AND e.`at` >= s.`posted_at`
)
WHERE `progress_met_on` IS NULL AND EXISTS (SELECT 1 FROM `hazard_supervisions` s WHERE s.`hazard_id` = `hazards`.`id`);
