// A request to be bound, sent to the admins with 同意 / 拒绝; once decided, the same card without buttons
// says who decided. The buttons carry only the request's id: the request itself is read from the database.
import { atMention, button, buttonRow, card, escapeMd, fields, md } from "./fragments";
import { type DutyView, dutiesText } from "./members";
import type { Card, CardElement } from "./types";

export interface BindRequestView {
  id: number;
  openId: string;
  name: string;
  role: string;
  unitName: string | null;
  enterpriseName: string | null;
  /** the sectors asked for, under the duty the role carries */
  duties: DutyView[];
}

export interface BindDecision {
  status: "approved" | "rejected";
  /** the deciding admin's open_id: the card mentions them, so no name lookup is needed */
  by: string;
}

/**
 * The request card; once decided, without buttons and saying who decided. `blocked` says why 同意 cannot be
 * done any more (the unit or enterprise was retired since): only 拒绝 is left.
 */
export function bindRequestCard(r: BindRequestView, decision?: BindDecision, blocked?: string): Card {
  const elements: CardElement[] = [
    // The mention shows the person's name in Feishu; the stored name is added when it is more than the id.
    md(`${atMention(r.openId)}${r.name === r.openId ? "" : ` ${escapeMd(r.name)}`} 申请绑定身份：`),
    fields([
      ["角色", r.role],
      ["单位", r.unitName],
      ["企业", r.enterpriseName],
      ["负责领域", dutiesText(r.duties)],
    ]),
  ];
  if (!decision) {
    const reject = button("拒绝", { action: "member.reject", request: r.id }, "danger");
    if (blocked) elements.push(md(`**不能同意**：${escapeMd(blocked)}`));
    elements.push(
      buttonRow(
        blocked ? [reject] : [button("同意", { action: "member.approve", request: r.id }, "primary"), reject],
      ),
    );
    return card("绑定申请", "orange", elements, `申请 #${r.id}`);
  }
  const approved = decision.status === "approved";
  elements.push(
    md(`**${approved ? "已同意" : "已拒绝"}**（${atMention(decision.by) || escapeMd(decision.by)}）`),
  );
  return card("绑定申请", approved ? "green" : "grey", elements, `申请 #${r.id}`);
}
