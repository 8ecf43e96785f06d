// Turns the dates people type (期限=7月31日 …) into one YYYY-MM-DD form, or says in Chinese what is wrong.

export type DateResult = { ok: true; date: string } | { ok: false; error: string };

export const DATE_FORMS_HINT =
  "日期写作 2023-07-31、2023.7.31、2023年7月31日、7月31日（或 7月31号）、7.31、7/31、月底 或 年底";

/**
 * Which year a date written without one falls in: a fixed year, or a direction from today. A date that looks
 * ahead (期限) is the next such day on or after today; one that looks back (发现日期, a 督办 date) is the latest
 * such day on or before today. `today` is YYYY-MM-DD in APP_TIMEZONE.
 */
export type DateWhen = { year: number } | { today: string; looking: "ahead" | "back" };

// The campaign's records live in this century; anything else is a typo (23-7-31, 2203-07-31).
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

// Each accepted form, after NFKC. The dash form may carry the zone that Feishu's date_picker appends.
const FULL_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+[+-]\d{4})?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$/,
];
const MONTH_DAY_FORMS = [/^(\d{1,2})月(\d{1,2})[日号]$/, /^(\d{1,2})\.(\d{1,2})$/, /^(\d{1,2})\/(\d{1,2})$/];
const END_OF_MONTH = "月底";
const END_OF_YEAR = "年底";

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parseDate(text: string, when: DateWhen): DateResult {
  const shown = text.trim();
  if (shown === "") return fail("缺少日期");
  const ymd = readYmd(shown.normalize("NFKC"), when);
  if (ymd === undefined) return fail(`看不懂日期「${shown}」`);
  const [y, m, d] = ymd;
  if (y < MIN_YEAR || y > MAX_YEAR)
    return fail(`日期「${shown}」的年份超出范围：只接受 ${MIN_YEAR}–${MAX_YEAR} 年`);
  if (!isValidYmd(y, m, d)) return fail(`日期「${shown}」不存在：${whyImpossible(y, m, d)}`);
  return { ok: true, date: ymdText(y, m, d) };
}

function readYmd(text: string, when: DateWhen): [number, number, number] | undefined {
  for (const form of FULL_FORMS) {
    const match = form.exec(text);
    if (match) return [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  for (const form of MONTH_DAY_FORMS) {
    const match = form.exec(text);
    if (match) return inYear(Number(match[1]), Number(match[2]), when);
  }
  if (text === END_OF_MONTH) {
    if ("year" in when) return undefined;
    const [y, m] = [Number(when.today.slice(0, 4)), Number(when.today.slice(5, 7))];
    const end = ymdText(y, m, daysInMonth(y, m));
    if (when.looking === "ahead" || end <= when.today) return [y, m, daysInMonth(y, m)];
    const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    return [py, pm, daysInMonth(py, pm)];
  }
  if (text === END_OF_YEAR) return inYear(12, 31, when);
  return undefined;
}

/** Month and day without a year, in the year `when` gives. */
function inYear(m: number, d: number, when: DateWhen): [number, number, number] {
  if ("year" in when) return [when.year, m, d];
  const thisYear = Number(when.today.slice(0, 4));
  const step = when.looking === "ahead" ? 1 : -1;
  // The nearest year in the direction whose such day exists and is on the right side of today (2月29日 may
  // skip to a leap year); a day that exists in no year falls back to this year, to be refused as it is.
  for (let y = thisYear; Math.abs(y - thisYear) <= 8; y += step) {
    if (!isValidYmd(y, m, d)) continue;
    const date = ymdText(y, m, d);
    if (when.looking === "ahead" ? date >= when.today : date <= when.today) return [y, m, d];
  }
  return [thisYear, m, d];
}

function whyImpossible(y: number, m: number, d: number): string {
  if (m < 1 || m > 12) return "月份应为 1–12";
  if (d < 1) return "日应从 1 开始";
  return `${y}年${m}月只有${daysInMonth(y, m)}天`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function ymdText(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function fail(problem: string): DateResult {
  return { ok: false, error: `${problem}。${DATE_FORMS_HINT}` };
}

/**
 * A date that looks back (a 发现日期): a date without a year is the latest such day on or before today, and a
 * day after today is refused. `today` is YYYY-MM-DD in APP_TIMEZONE.
 */
export function parsePastDate(text: string, today: string): DateResult {
  const parsed = parseDate(text, { today, looking: "back" });
  if (!parsed.ok || parsed.date <= today) return parsed;
  return { ok: false, error: `${parsed.date} 在今天（${today}）之后：发现日期不能是将来的日子` };
}
