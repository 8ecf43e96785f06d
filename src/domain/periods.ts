// The campaign's periods in APP_TIMEZONE dates: days, weeks (Monday–Sunday), months, quarters, years, each with
// a key (2023-07-03, 2023-W27, 2023-06, 2023Q3, 2023), the words people type for them, and their part inside
// 专项开始/结束.
import { parseFoundPeriod } from "./found-period";
import { addDays } from "./time";

/** `day`: a daily job's period (the reminders run), never typed by people */
export type PeriodKind = "day" | "week" | "month" | "quarter" | "year";

export interface Period {
  kind: PeriodKind;
  /** 2023-07-03, 2023-W27 (ISO week), 2023-06, 2023Q3, 2023: claims and buttons carry it */
  key: string;
  /** first and last day, YYYY-MM-DD, inclusive */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function ymd(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function monthEnd(year: number, month: number): string {
  return addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
}

/** ISO week number and its year, from the week's Thursday. */
function isoWeek(monday: string): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear =
    (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

export function periodOf(kind: PeriodKind, date: string): Period {
  const [y, m] = ymd(date);
  switch (kind) {
    case "day":
      return { kind, key: date, start: date, end: date };
    case "week": {
      const start = addDays(date, 1 - weekday(date));
      const { year, week } = isoWeek(start);
      return { kind, key: `${year}-W${pad(week)}`, start, end: addDays(start, 6) };
    }
    case "month":
      return { kind, key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: monthEnd(y, m) };
    case "quarter": {
      const q = Math.ceil(m / 3);
      return { kind, key: `${y}Q${q}`, start: `${y}-${pad(q * 3 - 2)}-01`, end: monthEnd(y, q * 3) };
    }
    case "year":
      return { kind, key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, addDays(period.start, -1));
}

export function nextPeriod(period: Period): Period {
  return periodOf(period.kind, addDays(period.end, 1));
}

const QUARTER_WORDS = ["一", "二", "三", "四"];

/** The period in words: 2023年7月3日, 2023年第27周（6月26日–7月2日）, 2023年6月, 2023年第三季度, 2023年. */
export function periodLabel(period: Period): string {
  const [y, m, d] = ymd(period.start);
  switch (period.kind) {
    case "day":
      return `${y}年${m}月${d}日`;
    case "week": {
      const [, em, ed] = ymd(period.end);
      return `${period.key.slice(0, 4)}年第${Number(period.key.slice(6))}周（${m}月${d}日–${em}月${ed}日）`;
    }
    case "month":
      return `${y}年${m}月`;
    case "quarter":
      return `${y}年第${QUARTER_WORDS[Math.ceil(m / 3) - 1]}季度`;
    case "year":
      return `${y}年`;
  }
}

export const PERIOD_FORMS = "本周、本月、本季、本年，或 2023Q3、2023-06、2023";

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

const RELATIVE: Record<string, PeriodKind> = {
  本周: "week",
  本月: "month",
  本季: "quarter",
  本季度: "quarter",
  本年: "year",
  今年: "year",
};

/** A period as people type it, `today` deciding 本周/本月/本季/本年; the rest as `/隐患 列表 发现=` reads them. */
export function parsePeriod(text: string, today: string): PeriodResult {
  const shown = text.trim();
  const relative = RELATIVE[shown.normalize("NFKC")];
  if (relative) return { ok: true, period: periodOf(relative, today) };
  const found = parseFoundPeriod(shown);
  if (!found.ok) return { ok: false, error: `看不懂时段「${shown}」。可写：${PERIOD_FORMS}` };
  const { label, from } = found.period;
  const kind: PeriodKind = label.includes("Q") ? "quarter" : label.length === 4 ? "year" : "month";
  return { ok: true, period: periodOf(kind, from) };
}

/** The part of a period inside the campaign (专项开始 … 专项结束, none: ongoing). */
export interface CampaignSpan {
  from: string;
  to: string;
  /** cut by the campaign's start or end: 不完整 */
  incomplete: boolean;
}

export function campaignSpan(period: Period, start: string, end: string | null): CampaignSpan | null {
  const from = period.start < start ? start : period.start;
  const to = end !== null && period.end > end ? end : period.end;
  if (from > to) return null;
  return { from, to, incomplete: from !== period.start || to !== period.end };
}

/** The day a month's 附件3 and 附件4 are due: the 20th of the next month (seed §五(二): 每月20日上报前一个月). */
export function filingDueDay(month: Period): string {
  return `${nextPeriod(month).start.slice(0, 8)}20`;
}
