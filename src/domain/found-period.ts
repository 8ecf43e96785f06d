// The periods a ledger list is filtered by 发现日期 (`发现=2023-06`, `2023Q3`, `2023`): each is a range of days,
// so every count by period can be reproduced from the list with the same words.

export interface FoundPeriod {
  /** first day, YYYY-MM-DD */
  from: string;
  /** last day, YYYY-MM-DD */
  to: string;
  /** the period as written back, e.g. 2023Q3 */
  label: string;
}

export const PERIOD_FORMS_HINT = "写作 2023-06（月）、2023Q3（季度）或 2023（年）";

const pad = (n: number) => String(n).padStart(2, "0");
// The campaign's records live in this century, as dates do (src/domain/dates.ts).
const inRange = (y: number) => y >= 2000 && y <= 2099;

function lastDayOf(year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(days)}`;
}

export function parseFoundPeriod(
  text: string,
): { ok: true; period: FoundPeriod } | { ok: false; error: string } {
  const t = text.normalize("NFKC").trim().toUpperCase();
  const bad = { ok: false as const, error: `发现「${text}」不是一个时期：${PERIOD_FORMS_HINT}。` };
  let m = /^(\d{4})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (!inRange(y)) return bad;
    return { ok: true, period: { from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) } };
  }
  m = /^(\d{4})Q([1-4])$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (!inRange(y)) return bad;
    const first = (q - 1) * 3 + 1;
    return {
      ok: true,
      period: { from: `${y}-${pad(first)}-01`, to: lastDayOf(y, first + 2), label: `${y}Q${q}` },
    };
  }
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const month = Number(m[2]);
    if (!inRange(y) || month < 1 || month > 12) return bad;
    return {
      ok: true,
      period: { from: `${y}-${pad(month)}-01`, to: lastDayOf(y, month), label: `${y}-${pad(month)}` },
    };
  }
  return bad;
}
