// Members and roles (/成员), and the answers to /绑定 and /解绑.
import { card, escapeMd, fields, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

export interface MemberView {
  name: string;
  role: string;
  unitName: string | null;
  enterpriseName: string | null;
  /** an admin from ADMIN_OPEN_IDS who is not bound: shown so nobody wonders where the admin is */
  fromEnv?: boolean;
}

/** Rows shown at most: a card must stay under 30 KB. */
export const MEMBER_LIST_LIMIT = 150;

export function membersCard(rows: MemberView[], filterText: string): Card {
  const shown = rows.slice(0, MEMBER_LIST_LIMIT);
  const scope = filterText === "" ? "" : `（${escapeMd(filterText)}）`;
  const elements: CardElement[] = [md(`共 ${rows.length} 人${scope}`)];
  if (rows.length > 0) {
    elements.push(
      textTable(
        [
          { name: "name", display_name: "姓名", width: "auto" },
          { name: "role", display_name: "角色", width: "auto" },
          { name: "unit", display_name: "单位", width: "auto" },
          { name: "enterprise", display_name: "企业", width: "auto" },
        ],
        shown.map((m) => ({
          name: m.name,
          role: m.fromEnv ? `${m.role}（环境变量）` : m.role,
          unit: m.unitName ?? "",
          enterprise: m.enterpriseName ?? "",
        })),
      ),
    );
  }
  if (rows.length > shown.length) elements.push(md(`只列出前 ${shown.length} 人：用 \`单位=\` 缩小范围。`));
  elements.push(md("绑定：`/绑定 @某人 角色=干部 单位=应急办`　解绑：`/解绑 @某人`"));
  return card("成员", "blue", elements);
}

export function memberBoundCard(m: MemberView): Card {
  return card("已绑定", "green", [
    fields([
      ["成员", m.name],
      ["角色", m.role],
      ["单位", m.unitName],
      ["企业", m.enterpriseName],
    ]),
  ]);
}

export function memberUnboundCard(m: MemberView): Card {
  return card("已解绑", "grey", [
    md(`${escapeMd(m.name)}（原为${escapeMd(m.role)}）已解绑，今后只能查看帮助和申请绑定。`),
  ]);
}
