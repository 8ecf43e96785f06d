// Runs one Open API call for a check and sorts the answer: a scope check passes unless Feishu answers 99991672,
// since Feishu's gateway refuses a missing scope before the API looks at the request.
import { checkAnswer, type FeishuApiError, fromThrown, withBufferedBody } from "../feishu/errors";
import { addScopeStep } from "../feishu/scopes";
import { BOT_STEP, NETWORK_STEP } from "./steps";
import { type CheckResult, fail, ok } from "./types";

export type Probed<T> = { ok: true; value: T } | { ok: false; error: FeishuApiError };

/** Feishu's answer when the app has no bot capability (open.feishu.cn im/v1 message create, error codes). */
export const BOT_NOT_ACTIVATED = 230006;

/** An id no message, file or chat has: every probe made with it is refused after the scope check. */
export const PROBE_ID = "andu_doctor_probe";

export async function probe<T>(call: () => Promise<T>): Promise<Probed<T>> {
  try {
    return { ok: true, value: checkAnswer(await call()) };
  } catch (thrown) {
    return { ok: false, error: fromThrown(await withBufferedBody(thrown)) };
  }
}

/** A failure that says nothing about the scope: the check could not be made. */
export function notChecked(check: string, error: FeishuApiError): CheckResult | null {
  if (error.code === BOT_NOT_ACTIVATED) return fail(check, "没能检查：应用还没有机器人能力", BOT_STEP);
  if (error.status === undefined || error.status >= 500 || error.status === 429 || error.tokenInvalid) {
    return fail(check, `没能检查（${error.message}）`, NETWORK_STEP);
  }
  return null;
}

/** The line of a scope check: ✗ naming the scopes when Feishu says one is missing, else ✓. */
export function scopeResult(check: string, purpose: string, probed: Probed<unknown>): CheckResult {
  if (probed.ok) return ok(check, purpose);
  const { error } = probed;
  if (error.missingScope) {
    return fail(
      check,
      `缺少权限（任一即可：${error.scopes.join("、")}），${purpose}做不到`,
      addScopeStep(error.scopes),
    );
  }
  // Refused for what the probe asked (no such message, no such file): the scope let it through.
  return notChecked(check, error) ?? ok(check, purpose);
}
