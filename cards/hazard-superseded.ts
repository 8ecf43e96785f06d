// What an older card of a hazard becomes once a newer one is posted: no buttons (they would act on a state
// that has moved on), and where to look instead.
import { card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

export function supersededHazardCard(number: string, status: string): Card {
  return card(`隐患 ${number}`, "grey", [
    md(
      `这张卡片已有更新的一张：当前状态 **${escapeMd(status)}**。发送 \`/隐患 查看 ${number}\` 看最新的卡片和办理按钮。`,
    ),
  ]);
}
