// The chat scope and the dispatch group, by one question: is the bot in the group (open.feishu.cn im/v1
// chat-members is_in_chat; 232006 = a chat_id that is not a group of this tenant).
import type { LarkClient } from "../feishu/client";
import { notChecked, PROBE_ID, probe, scopeResult } from "./probe";
import { GROUP_ADD_STEP, GROUP_SET_STEP } from "./steps";
import { type CheckResult, fail, ok } from "./types";

const SCOPE_CHECK = "群组权限";
const GROUP_CHECK = "调度群";
const INVALID_CHAT = 232006;

export async function checkGroup(lark: LarkClient, groupChatId: string | null): Promise<CheckResult[]> {
  const chatId = groupChatId ?? `oc_${PROBE_ID}`;
  const probed = await probe(() =>
    lark.client.request<{ data?: { is_in_chat?: boolean } }>({
      method: "GET",
      url: `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}/members/is_in_chat`,
    }),
  );
  const scope = scopeResult(SCOPE_CHECK, "机器人进群时收到通知、查看群", probed);
  if (groupChatId === null) return [scope, fail(GROUP_CHECK, "还没有设置调度群", GROUP_SET_STEP)];
  if (scope.status !== "ok")
    return [scope, fail(GROUP_CHECK, `没能检查 ${groupChatId}`, scope.fix ?? GROUP_SET_STEP)];
  if (probed.ok) {
    return [
      scope,
      probed.value.data?.is_in_chat === true
        ? ok(GROUP_CHECK, `机器人在群 ${groupChatId} 里`)
        : fail(GROUP_CHECK, `机器人不在群 ${groupChatId} 里`, GROUP_ADD_STEP),
    ];
  }
  if (probed.error.code === INVALID_CHAT) {
    return [scope, fail(GROUP_CHECK, `${groupChatId} 不是本企业的群`, GROUP_SET_STEP)];
  }
  return [
    scope,
    notChecked(GROUP_CHECK, probed.error) ??
      fail(GROUP_CHECK, `飞书不认群 ${groupChatId}（${probed.error.message}）`, GROUP_SET_STEP),
  ];
}
