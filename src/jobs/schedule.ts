// The due rules the jobs share: report the previous week/month/quarter, due on the first workday of the next
// one at a set time; or a daily job, due on workdays at a set time. A rule, not a cron line, so a holiday
// Monday's post moves to the next workday.
import { nextPeriod, type Period, type PeriodKind, periodOf, previousPeriod } from "../domain/periods";
import { type WorkCalendar, workdayOnOrAfter } from "../domain/workdays";

/** A run on `today` reports the period before today's. */
export function previousOf(kind: PeriodKind): (today: string) => Period {
  return (today) => previousPeriod(periodOf(kind, today));
}

/** Due at `time` on the first workday on or after the day the period ends. */
export function firstWorkdayAfter(time: string) {
  return (period: Period, calendar: WorkCalendar) => ({
    date: workdayOnOrAfter(calendar, nextPeriod(period).start),
    time,
  });
}

/** A run on `today` is for today itself (a daily job's period is its day). */
export function currentOf(kind: PeriodKind): (today: string) => Period {
  return (today) => periodOf(kind, today);
}

/** Due at `time` on the period's first day when that is a workday; a day off is due on the next workday. */
export function onWorkdaysAt(time: string) {
  return (period: Period, calendar: WorkCalendar) => ({
    date: workdayOnOrAfter(calendar, period.start),
    time,
  });
}
