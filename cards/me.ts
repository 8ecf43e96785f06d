// The answer to /我: one's own binding as the bot knows it, and the phone the forms will use.

import { card, md } from "./fragments";
import { type MemberView, memberFields } from "./members";
import type { Card } from "./types";

export interface MyBindingView extends MemberView {
  /** already as it may be shown here: whole in a private chat, masked in a group, or 未填写 */
  phone: string;
  /** what this message changed, if anything */
  notice: string | null;
  /** the phone is masked because this is a group: say where to see it whole */
  masked: boolean;
}

export function myBindingCard(m: MyBindingView): Card {
  const elements = [];
  if (m.notice) elements.push(md(m.notice));
  elements.push(memberFields(m));
  elements.push(
    md(
      m.masked
        ? "群里电话打码显示；私聊机器人发 `/我` 可看完整号码。改电话：`/我 电话=手机或座机号`"
        : "改电话：`/我 电话=手机或座机号`（写 `电话=无` 清除）。月报表格的填报人、联系电话用这里的电话。",
    ),
  );
  return card("我的绑定", "blue", elements);
}
