// Turns the dates people type (期限=7月31日 …) into one YYYY-MM-DD form, or says in Chinese what is wrong.

export type DateResult = { ok: true; date: string } | { ok: false; error: string };

export const DATE_FORMS_HINT = "日期写作 2023-07-31、2023/7/31、7月31日 或 2023年7月31日";

// The campaign's records live in this century; anything else is a typo (23-7-31, 2203-07-31).
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

// Each accepted form, after NFKC. The dash form may carry the zone that Feishu's date_picker appends.
const FULL_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+[+-]\d{4})?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];
const MONTH_DAY_FORM = /^(\d{1,2})月(\d{1,2})日$/;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parseDate(text: string, thisYear: number): DateResult {
  const shown = text.trim();
  if (shown === "") return fail("缺少日期");
  const ymd = readYmd(shown.normalize("NFKC"), thisYear);
  if (ymd === undefined) return fail(`看不懂日期「${shown}」`);
  const [y, m, d] = ymd;
  if (y < MIN_YEAR || y > MAX_YEAR)
    return fail(`日期「${shown}」的年份超出范围：只接受 ${MIN_YEAR}–${MAX_YEAR} 年`);
  if (!isValidYmd(y, m, d)) return fail(`日期「${shown}」不存在：${whyImpossible(y, m, d)}`);
  return { ok: true, date: `${y}-${pad2(m)}-${pad2(d)}` };
}

function readYmd(text: string, thisYear: number): [number, number, number] | undefined {
  for (const form of FULL_FORMS) {
    const match = form.exec(text);
    if (match) return [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const monthDay = MONTH_DAY_FORM.exec(text);
  if (monthDay) return [thisYear, Number(monthDay[1]), Number(monthDay[2])];
  return undefined;
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

function fail(problem: string): DateResult {
  return { ok: false, error: `${problem}。${DATE_FORMS_HINT}` };
}

/**
 * A date that looks back (a 发现日期): a date without a year is the latest such day on or before today, and a
 * day after today is refused. `today` is YYYY-MM-DD in APP_TIMEZONE.
 */
export function parsePastDate(text: string, today: string): DateResult {
  const year = Number(today.slice(0, 4));
  const parsed = parseDate(text, year);
  if (!parsed.ok || parsed.date <= today) return parsed;
  const lastYear = parseDate(text, year - 1);
  // Only a date written without its year reads differently with last year: that is the one meant.
  if (lastYear.ok && lastYear.date !== parsed.date && lastYear.date <= today) return lastYear;
  return { ok: false, error: `${parsed.date} 在今天（${today}）之后：发现日期不能是将来的日子` };
}
