// The bot capability check: bot/v3/info answers with the bot's open_id once the capability is added and the
// app is enabled (open.feishu.cn bot/v3/info: activate_status 2 = enabled).
import type { LarkClient } from "../feishu/client";
import { BOT_NOT_ACTIVATED, notChecked, probe } from "./probe";
import { BOT_STEP, ENABLE_STEP } from "./steps";
import { type CheckResult, fail, ok } from "./types";

const CHECK = "机器人能力";
const ENABLED = 2;

interface BotInfo {
  bot?: { open_id?: string; app_name?: string; activate_status?: number };
}

export async function checkBot(lark: LarkClient): Promise<CheckResult> {
  const probed = await probe(() =>
    lark.client.request<BotInfo>({ method: "GET", url: "/open-apis/bot/v3/info" }),
  );
  if (!probed.ok) {
    if (probed.error.code === BOT_NOT_ACTIVATED) return fail(CHECK, "应用没有机器人能力", BOT_STEP);
    return (
      notChecked(CHECK, probed.error) ??
      fail(CHECK, `飞书不认这个机器人（${probed.error.message}）`, BOT_STEP)
    );
  }
  const bot = probed.value.bot;
  if (!bot?.open_id) return fail(CHECK, "飞书没有返回机器人信息", BOT_STEP);
  if (bot.activate_status !== undefined && bot.activate_status !== ENABLED) {
    return fail(CHECK, `应用未启用（activate_status=${bot.activate_status}）`, ENABLE_STEP);
  }
  return ok(CHECK, `机器人「${bot.app_name ?? ""}」（${bot.open_id}）`);
}
