// Turns what went wrong in a command into what the user is told; the only place error text is shaped.
import { errorCard } from "../../cards/error";
import type { Card } from "../../cards/types";
import type { Logger } from "../logger";
import { BotError } from "./errors";

const TITLES: Record<BotError["code"], string> = {
  bad_input: "没看懂这条命令",
  unknown_command: "没有这条命令",
  forbidden: "没有权限",
  unbound: "请先绑定身份",
  not_found: "没有找到",
  conflict: "现在不能这样办",
  unavailable: "暂时办不了",
};

export function errorReply(error: unknown, logger: Logger): Card {
  if (error instanceof BotError) return errorCard(error.message, error.usage, TITLES[error.code]);
  logger.error("command failed", { error: error instanceof Error ? error.message : String(error) });
  return errorCard(
    "安督处理这条命令时出错了，什么也没有改动。请稍后再试；若一直出错，请联系镇安委办。",
    [],
    "出错了",
  );
}

export function errorToast(error: unknown, logger: Logger) {
  if (error instanceof BotError) return { type: "warning" as const, content: error.message.slice(0, 200) };
  logger.error("card action failed", { error: error instanceof Error ? error.message : String(error) });
  return { type: "error" as const, content: "处理出错，什么也没有改动，请稍后再试" };
}

/** Where a person waits and Feishu refused for a permission the app lacks (a scope, the contact range). */
export function lacksPermission(what: string): string {
  return `${what}：飞书应用缺少所需的权限。请管理员运行 npm run doctor，按提示在开发者后台补上权限。`;
}

export const UNBOUND_MESSAGE =
  "你还没有绑定身份，只能查看帮助和申请绑定。请发送「/绑定 角色=干部 单位=你的单位」（企业负责人写「角色=企业负责人 企业=企业名称」），由镇安委办管理员在卡片上同意。";
