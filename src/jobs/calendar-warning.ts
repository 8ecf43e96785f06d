// At start (and in /设置): a year the holiday data does not cover is worked out as Monday–Friday, and the
// admins are told once per year, so an outdated `chinese-days` never silently posts on a holiday.
import type { Deps } from "../bot/deps";
import { zonedParts } from "../domain/time";
import { CALENDAR_FALLBACK_WARNING, uncoveredYears, type WorkCalendar } from "../domain/workdays";
import { tellAdminsOnce } from "./admin-notice";

/** The years the scheduler works in now: this one, and the next from December on. */
export function yearsInUse(now: number, timeZone: string): number[] {
  const { year, month } = zonedParts(now, timeZone);
  return month === 12 ? [year, year + 1] : [year];
}

/** The fallback warning for the years in use, or null when the data covers them. */
export function calendarWarning(deps: Pick<Deps, "now" | "config">, calendar: WorkCalendar): string | null {
  const years = uncoveredYears(calendar, yearsInUse(deps.now(), deps.config.timezone));
  return years.length > 0 ? CALENDAR_FALLBACK_WARNING(years) : null;
}

export async function warnUncoveredYears(deps: Deps, calendar: WorkCalendar): Promise<void> {
  const years = uncoveredYears(calendar, yearsInUse(deps.now(), deps.config.timezone));
  if (years.length === 0) return;
  deps.logger.warn("holiday data does not cover", { years: years.join(",") });
  await tellAdminsOnce(deps, { topic: "calendar", about: years.join(",") }, CALENDAR_FALLBACK_WARNING(years));
}
