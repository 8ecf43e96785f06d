// A case's fields as people type them, read the same way by 新增 and 修改 (dates looking back, never after
// today; 危险作业罪 是/否; lengths never cut), and its number as 列表 shows it (12, 12号, 第12号).
import { BotError } from "../../src/bot/errors";
import { parseDate } from "../../src/domain/dates";
import { NAME_MAX, TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { parseYesNo } from "../../src/domain/yes-no";

export const CASE_KEYS = {
  单位: "unit",
  企业: "enterprise",
  领域: "sector",
  描述: "description",
  日期: "date",
  危险作业罪: "crime",
  报送日期: "reported",
} as const;
export type CaseField = (typeof CASE_KEYS)[keyof typeof CASE_KEYS];
export const CASE_FIELD_LIST = Object.keys(CASE_KEYS).join("、");

/** A date on or before today (a date without a year looks back). */
export function pastDate(label: string, text: string, today: string, usage: string): string {
  const parsed = parseDate(text, { today, looking: "back" });
  if (!parsed.ok) throw new BotError("bad_input", `${label}：${parsed.error}`, [usage]);
  if (parsed.date > today) throw new BotError("bad_input", `${label} ${parsed.date} 在今天之后`, [usage]);
  return parsed.date;
}

export function readCrime(text: string, usage: string): boolean {
  const yes = parseYesNo(text);
  if (yes === undefined) throw new BotError("bad_input", `危险作业罪「${text}」只能写 是 或 否`, [usage]);
  return yes;
}

/** 企业 and 描述 as typed, refused (never cut) when too long. */
export function checkedText(label: "企业" | "描述", text: string, usage: string): string {
  const value = text.trim();
  if (value === "") throw new BotError("bad_input", `${label}不能为空`, [usage]);
  const long = tooLong(label, value, label === "企业" ? NAME_MAX : TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [usage]);
  return value;
}

/** The 原因 of a correction: never cut. */
export function checkedReason(text: string, usage: string): string {
  const reason = text.trim();
  const long = tooLong("原因", reason, TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [usage]);
  return reason;
}

/** A case's number as written after the subcommand. */
export function readCaseNumber(text: string | undefined, usage: string): number {
  if (text === undefined)
    throw new BotError("unreadable", "要写明案例的编号（/案例 列表 里的「编号」）", [usage]);
  const m = /^(?:第|#)?(\d{1,9})号?$/.exec(text.normalize("NFKC").trim());
  if (!m)
    throw new BotError("unreadable", `「${text}」不是案例编号：写 /案例 列表 里的编号，例如 12`, [usage]);
  return Number(m[1]);
}
