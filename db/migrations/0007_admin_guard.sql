CREATE TABLE `admin_guard` (
	`ok` integer NOT NULL,
	CONSTRAINT "admin_remains" CHECK("admin_guard"."ok" = 1)
);
