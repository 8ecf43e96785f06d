// The 安全生产责任公示牌 (附件1) as a card: blue like the board, the enterprise's name as the title, and the
// board's rows in its order: 责任单位, 企业主要负责人, 挂点领导, 责任干部, each with its 联系电话.

import type { EnterpriseView } from "./enterprise-view";
import { card, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

function boardRow(label: string, name: string | null, phone: string | null): CardElement {
  const cell = (text: string, weight: number, bold = false): CardElement => ({
    tag: "column",
    width: "weighted",
    weight,
    vertical_align: "center",
    elements: [md(bold ? `**${text}**` : text)],
  });
  return {
    tag: "column_set",
    flex_mode: "none",
    horizontal_spacing: "small",
    columns: [
      cell(label, 2, true),
      cell(name ? escapeMd(name) : "—", 2),
      cell("联系电话", 2, true),
      cell(phone ? escapeMd(phone) : "—", 3),
    ],
  };
}

export function enterpriseBoardCard(e: EnterpriseView): Card {
  return card(
    "安全生产责任公示牌",
    "blue",
    [
      md(`**公司/企业名称**：${escapeMd(e.name)}`),
      md(`**责任单位**：${escapeMd(e.unitName)}`),
      boardRow("企业主要负责人", e.headName, e.headPhone),
      boardRow("挂点领导", e.liaisonLeader, e.liaisonLeaderPhone),
      boardRow("责任干部", e.cadreName, e.cadrePhone),
      md(`行业领域：${escapeMd(e.sectorName)}${e.highRisk ? "　**高危**" : ""}`),
    ],
    e.name,
  );
}
