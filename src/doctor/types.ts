// One line of `npm run doctor`: what was checked, how it stands, and the console step that fixes it.

export type CheckStatus = "ok" | "fail" | "warn";

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** the step that fixes it (set whenever status is not ok) */
  fix?: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ check, status: "ok", detail });
export const fail = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: "fail",
  detail,
  fix,
});
export const warn = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: "warn",
  detail,
  fix,
});

const MARKS = { ok: "✓", fail: "✗", warn: "!" } as const;

/** One printed line: mark, check, detail, and after an arrow the step that fixes it. */
export function formatResult(r: CheckResult): string {
  return `${MARKS[r.status]} ${r.check}：${r.detail}${r.fix ? ` → ${r.fix}` : ""}`;
}
