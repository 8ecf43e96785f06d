// A sector's (or the 全镇) 附件4 as a card: the title with the sector, 填报单位 and 时间, then one table per 类别
// in the form's 项目 | 数 | 项目 | 数 layout, and whether the department has filed. Pure: a view in, card out.
import { type Form4Table, form4Rows, form4Title } from "../src/domain/form4";
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

export interface Form4CardView {
  sectorName: string | null;
  filer: string;
  date: string;
  table: Form4Table;
  /** e.g. "已填报（张三，6月18日）", "未填报", "已填报 12/15 个领域" */
  state: string;
  /** lines under the tables (how to file, how to export) */
  hints: string[];
}

const COLUMNS = [
  { name: "a", display_name: "项目", width: "auto" },
  { name: "an", display_name: "数", width: "auto" },
  { name: "b", display_name: "项目", width: "auto" },
  { name: "bn", display_name: "数", width: "auto" },
];

export function form4Card(view: Form4CardView): Card {
  const elements: CardElement[] = [
    md(`填报单位（部门）：${escapeMd(view.filer)}　时间：${view.date}\n**${escapeMd(view.state)}**`),
  ];
  for (const group of form4Rows(view.table)) {
    elements.push(md(`**${group.category}**`));
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < group.pairs.length; i += 2) {
      const [a, an] = group.pairs[i]!;
      const [b, bn] = group.pairs[i + 1] ?? ["", ""];
      rows.push({ a, an: an === "" ? "—" : an, b, bn: bn === "" ? "—" : bn });
    }
    elements.push(textTable(COLUMNS, rows, 5));
  }
  if (view.hints.length > 0) elements.push(md(view.hints.map(escapeMd).join("\n")));
  return card(form4Title(view.sectorName), "turquoise", elements, view.state);
}
