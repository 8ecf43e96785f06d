// The credentials check: asks Feishu for a tenant token with the configured App ID and App Secret, directly,
// so a wrong secret is named as such (open.feishu.cn auth/v3 tenant_access_token/internal; 10014 = app secret
// invalid).
import type { Config, FeishuCredentials } from "../config";
import { APP_ID_STEP, CREDENTIALS_STEP, NETWORK_STEP, SECRET_STEP } from "./steps";
import { type CheckResult, fail, ok } from "./types";

const CHECK = "应用凭证";
const APP_SECRET_INVALID = 10014;
const INVALID_PARAM = 10003;

export async function checkCredentials(
  config: Config,
  creds: FeishuCredentials,
  timeoutMs = 15_000,
): Promise<CheckResult> {
  let body: { code?: unknown; msg?: unknown; tenant_access_token?: unknown };
  try {
    const res = await fetch(`${config.domain}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ app_id: creds.appId, app_secret: creds.appSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = (await res.json()) as typeof body;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(CHECK, `连不上 ${config.domain}（${why.slice(0, 120)}）`, NETWORK_STEP);
  }
  if (body.code === 0 && typeof body.tenant_access_token === "string") {
    return ok(CHECK, `App ID ${creds.appId} 取得了 tenant_access_token`);
  }
  const said = `飞书答 ${String(body.code)} ${String(body.msg ?? "")}`.trim();
  if (body.code === APP_SECRET_INVALID) return fail(CHECK, `App Secret 不对（${said}）`, SECRET_STEP);
  if (body.code === INVALID_PARAM)
    return fail(CHECK, `App ID ${creds.appId} 不被认可（${said}）`, APP_ID_STEP);
  return fail(CHECK, `没能取得 tenant_access_token（${said}）`, CREDENTIALS_STEP);
}
