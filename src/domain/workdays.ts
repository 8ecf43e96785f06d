// China's working calendar, from the maintained `chinese-days` data (official holidays and their make-up
// workdays, 调休). A year the data does not cover yet falls back to Monday–Friday, and says so.
import data from "chinese-days/dist/chinese-days.json";
import { addDays } from "./time";

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** false for a year the official data does not cover: that year is weekends-only */
  covers(year: number): boolean;
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A calendar from holiday and make-up workday dates (YYYY-MM-DD); years with no holidays are not covered. */
export function workCalendar(holidays: Iterable<string>, makeUpWorkdays: Iterable<string>): WorkCalendar {
  const off = new Set(holidays);
  const on = new Set(makeUpWorkdays);
  const years = new Set([...off].map((d) => Number(d.slice(0, 4))));
  return {
    isWorkday(date) {
      if (on.has(date)) return true;
      if (off.has(date)) return false;
      return weekdayOf(date) <= 5;
    },
    covers: (year) => years.has(year),
  };
}

let official: WorkCalendar | undefined;

/** The official calendar as the installed `chinese-days` knows it. */
export function officialCalendar(): WorkCalendar {
  official ??= workCalendar(Object.keys(data.holidays), Object.keys(data.workdays));
  return official;
}

/** The date itself when it is a workday, else the next workday after it. */
export function workdayOnOrAfter(calendar: WorkCalendar, date: string): string {
  let day = date;
  while (!calendar.isWorkday(day)) day = addDays(day, 1);
  return day;
}

/** The date itself when it is a workday, else the last workday before it. */
export function workdayOnOrBefore(calendar: WorkCalendar, date: string): string {
  let day = date;
  while (!calendar.isWorkday(day)) day = addDays(day, -1);
  return day;
}

/** Workdays after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workdaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkday(day)) n++;
  return n;
}

/** The years among those given that the official data does not cover (weekends-only there). */
export function uncoveredYears(calendar: WorkCalendar, years: readonly number[]): number[] {
  return years.filter((y) => !calendar.covers(y));
}

export const CALENDAR_FALLBACK_WARNING = (years: readonly number[]) =>
  `节假日数据（chinese-days）还没有 ${years.join("、")} 年的官方安排：这些年份暂按周一至周五为工作日计算。请更新依赖包 chinese-days。`;
