// Members and roles (/成员), with the sectors each answers for, and the answers to /绑定 and /解绑.
import { card, escapeMd, fields, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

/** One sector a member answers for, and as what (责任领导 / 责任干部). */
export interface DutyView {
  sector: string;
  duty: string;
}

export interface MemberView {
  name: string;
  role: string;
  unitName: string | null;
  enterpriseName: string | null;
  duties?: DutyView[];
  /** an admin from ADMIN_OPEN_IDS who is not bound: shown so nobody wonders where the admin is */
  fromEnv?: boolean;
  /** the phone as this card may show it (masked in a group), or 未填写; absent: not shown */
  phone?: string;
}

/** What the plan (高府发〔2023〕14号) names for a sector, shown above the people bound to it. */
export interface SectorPlanView {
  name: string;
  leadersText: string;
  cadresText: string;
}

/** 「危险化学品、消防（责任干部）」: a member's sectors grouped by duty, in the order given; "" for none. */
export function dutiesText(duties: DutyView[] = []): string {
  const byDuty = new Map<string, string[]>();
  for (const d of duties) {
    const sectors = byDuty.get(d.duty) ?? [];
    if (!sectors.includes(d.sector)) sectors.push(d.sector);
    byDuty.set(d.duty, sectors);
  }
  return [...byDuty].map(([duty, sectors]) => `${sectors.join("、")}（${duty}）`).join("；");
}

function planElement(plan: SectorPlanView): CardElement {
  return md(
    [
      `**${escapeMd(plan.name)}**：计划所列`,
      `责任领导：${escapeMd(plan.leadersText)}`,
      `责任干部：${escapeMd(plan.cadresText)}`,
    ].join("\n"),
  );
}

/** Rows shown at most: a card must stay under 30 KB. */
export const MEMBER_LIST_LIMIT = 150;

/** The member list; `note` says why some names show as open_id (a permission the app lacks). */
export function membersCard(
  rows: MemberView[],
  filterText: string,
  plan?: SectorPlanView,
  note?: string,
): Card {
  const shown = rows.slice(0, MEMBER_LIST_LIMIT);
  const scope = filterText === "" ? "" : `（${escapeMd(filterText)}）`;
  const elements: CardElement[] = plan ? [planElement(plan)] : [];
  elements.push(md(`${plan ? "已绑定的" : ""}共 ${rows.length} 人${scope}`));
  if (rows.length > 0) {
    elements.push(
      textTable(
        [
          { name: "name", display_name: "姓名", width: "auto" },
          { name: "role", display_name: "角色", width: "auto" },
          { name: "unit", display_name: "单位", width: "auto" },
          { name: "enterprise", display_name: "企业", width: "auto" },
          { name: "duties", display_name: "负责领域", width: "auto" },
          { name: "phone", display_name: "电话", width: "auto" },
        ],
        shown.map((m) => ({
          name: m.name,
          role: m.fromEnv ? `${m.role}（环境变量）` : m.role,
          unit: m.unitName ?? "",
          enterprise: m.enterpriseName ?? "",
          duties: dutiesText(m.duties),
          phone: m.phone ?? "",
        })),
      ),
    );
  }
  if (rows.length > shown.length)
    elements.push(md(`只列出前 ${shown.length} 人：用 \`单位=\` 或 \`领域=\` 缩小范围。`));
  if (note) elements.push(md(`**注意**：${escapeMd(note)}`));
  elements.push(
    md(
      "绑定：`/绑定 @某人 角色=干部 单位=应急办 领域=危化品`　加领域：`/绑定 @某人 领域=消防`　解绑：`/解绑 @某人`",
    ),
  );
  return card("成员", "blue", elements);
}

/** One member's binding as fields: who, role, where, what they answer for, their phone as given. */
export function memberFields(m: MemberView): CardElement {
  return fields([
    ["成员", m.name],
    ["角色", m.role],
    ["单位", m.unitName],
    ["企业", m.enterpriseName],
    ["负责领域", dutiesText(m.duties)],
    ["电话", m.phone ?? null],
  ]);
}

export function memberBoundCard(m: MemberView): Card {
  return card("已绑定", "green", [memberFields(m)]);
}

/** The answer to /绑定 @某人 领域=…: what was added, and everything the member answers for now. */
export function memberDutiesCard(m: {
  name: string;
  role: string;
  added: DutyView[];
  all: DutyView[];
}): Card {
  return card("已添加负责领域", "green", [
    fields([
      ["成员", m.name],
      ["角色", m.role],
      ["新增", dutiesText(m.added)],
      ["现在负责", dutiesText(m.all)],
    ]),
  ]);
}

export function memberUnboundCard(m: MemberView): Card {
  const duties = dutiesText(m.duties);
  const dropped = duties === "" ? "" : `，不再负责${escapeMd(duties)}`;
  return card("已解绑", "grey", [
    md(`${escapeMd(m.name)}（原为${escapeMd(m.role)}）已解绑${dropped}；今后只能查看帮助和申请绑定。`),
  ]);
}
