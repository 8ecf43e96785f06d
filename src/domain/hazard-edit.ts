// The rules of `/隐患 修改`: which fields may be corrected, how each typed value is checked, what counts as a
// change, and when a later 期限 is an extension that needs a 原因. Pure: the command resolves names and writes.
import { parseDate, parsePastDate } from "./dates";
import {
  type CheckedHazard,
  FIELD_LABELS,
  fieldForKey,
  type HazardField,
  NAME_MAX,
  pick,
  TEXT_MAX,
  tooLong,
} from "./hazard-input";
import {
  CLOSED,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  type HazardLevel,
  type HazardSource,
  type HazardStatus,
  WITHDRAWN,
} from "./hazard-lifecycle";

/** The fields of `/隐患 新增` (发现日期 among them), typed with the same keys. */
export type EditField = HazardField;
export const EDIT_LABELS = FIELD_LABELS;
export const editFieldForKey = fieldForKey;

/** Why the hazard cannot be corrected any more, or null when it can. */
export function editRefusal(status: HazardStatus): string | null {
  if (status === CLOSED) return "已销号，闭环的记录不能再修改。";
  if (status === WITHDRAWN) return "已撤销，不能修改；需要时请管理员先 /隐患 恢复。";
  return null;
}

/** Typed values after their own checks; 单位, 企业 and 领域 are still names, resolved against the registry. */
export type CheckedEdit = Partial<CheckedHazard>;

/**
 * Checks each typed value on its own. `today` (YYYY-MM-DD) bounds 发现日期: a hazard cannot be found in the
 * future, and a 发现日期 without a year is the latest such day. Empty values are refused: a correction never blanks a field.
 */
export function checkEdit(
  raw: Partial<Record<EditField, string>>,
  o: { today: string },
): { values: CheckedEdit; problems: string[] } {
  const values: CheckedEdit = {};
  const problems: string[] = [];
  for (const [field, given] of Object.entries(raw) as [EditField, string][]) {
    const text = given.trim();
    const label = EDIT_LABELS[field];
    if (text === "") {
      problems.push(`${label}不能改为空。`);
      continue;
    }
    const long = tooLong(label, text, field === "description" || field === "measures" ? TEXT_MAX : NAME_MAX);
    if (long) {
      problems.push(long);
      continue;
    }
    if (field === "deadline" || field === "found") {
      const date =
        field === "found"
          ? parsePastDate(text, o.today)
          : parseDate(text, { today: o.today, looking: "ahead" });
      if (!date.ok) problems.push(`${label}：${date.error}`);
      else values[field] = date.date;
    } else if (field === "source") {
      const picked = pick(label, text, HAZARD_SOURCES);
      if ((HAZARD_SOURCES as readonly string[]).includes(picked)) values.source = picked as HazardSource;
      else problems.push(picked);
    } else if (field === "level") {
      const picked = pick(label, text, HAZARD_LEVELS);
      if ((HAZARD_LEVELS as readonly string[]).includes(picked)) values.level = picked as HazardLevel;
      else problems.push(picked);
    } else values[field] = text;
  }
  return { values, problems };
}

/** One field's change as people read it: 期限：2023-07-31 → 2023-08-31. */
export interface FieldChange {
  field: EditField;
  before: string;
  after: string;
}

export function changeText(c: FieldChange): string {
  return `${EDIT_LABELS[c.field]}：${c.before} → ${c.after}`;
}

export interface Extension {
  /** how many times 期限 has been extended, this one included */
  count: number;
  /** 期限 as first logged */
  original: string;
}

/**
 * A later 期限 is an extension: it needs a 原因, and counts. An earlier one is a correction and counts nothing.
 * Returns the extension (or null), or a problem when the 原因 is missing.
 */
export function deadlineExtension(
  before: string,
  after: string | undefined,
  o: { extensions: number; originalDeadline: string | null; reason: string },
): { ok: true; extension: Extension | null } | { ok: false; problem: string } {
  if (after === undefined || after <= before) return { ok: true, extension: null };
  if (o.reason.trim() === "") {
    return {
      ok: false,
      problem: `期限从 ${before} 推迟到 ${after} 是延期，要写明原因：原因=…`,
    };
  }
  return { ok: true, extension: { count: o.extensions + 1, original: o.originalDeadline ?? before } };
}

/** The line under 整改期限 on the card and in the history: 已延期 2 次，原期限 2023-07-31. */
export function extensionText(count: number, original: string | null): string | null {
  return count > 0 && original !== null ? `已延期 ${count} 次，原期限 ${original}` : null;
}
