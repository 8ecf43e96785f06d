// The checks that need no call: the mode the service runs in, and the webhook's keys (README "Settings").
import type { Config } from "../config";
import { KEYS_STEP, LOCAL_STEP } from "./steps";
import { type CheckResult, fail, ok, warn } from "./types";

export function checkMode(config: Config): CheckResult {
  if (!config.feishu) return fail("模式", "本地模式（没有设置飞书应用凭证，不连飞书）", LOCAL_STEP);
  return config.eventMode === "ws"
    ? ok("模式", "飞书 · 长连接（FEISHU_EVENT_MODE=ws）：事件和卡片回调都经长连接，只开一个实例")
    : ok("模式", "飞书 · 请求网址（webhook）：事件发到 /feishu/events，卡片回调发到 /feishu/cards");
}

export function checkKeys(config: Config): CheckResult {
  const check = "Webhook 密钥";
  const { encryptKey, verificationToken } = config;
  if (encryptKey && verificationToken) return ok(check, "Encrypt Key 和 Verification Token 都已设置");
  if (config.eventMode === "ws" && !encryptKey && !verificationToken) {
    return ok(check, "长连接不需要；卡片回调若改走请求网址，再设两个密钥");
  }
  if (!encryptKey && !verificationToken)
    return fail(check, "都没设置：/feishu/events 会拒绝一切请求", KEYS_STEP);
  if (!encryptKey) {
    return warn(check, "只设了 Verification Token：请求不加密、无签名，只能比对 token", KEYS_STEP);
  }
  return warn(check, "只设了 Encrypt Key：没有 Verification Token 可比对", KEYS_STEP);
}
