// The enterprise registry as a table (/企业 列表): name, unit, sector, head and phone, 高危.

import type { EnterpriseView } from "./enterprise-view";
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

/** Rows shown at most: a card must stay under 30 KB; filters narrow a longer list. */
export const ENTERPRISE_LIST_LIMIT = 100;

export function enterpriseListCard(rows: EnterpriseView[], filterText: string): Card {
  const shown = rows.slice(0, ENTERPRISE_LIST_LIMIT);
  const scope = filterText === "" ? "" : `（${escapeMd(filterText)}）`;
  const elements: CardElement[] = [md(`共 ${rows.length} 家${scope}`)];
  if (rows.length === 0) {
    elements.push(md("还没有登记企业。管理员可用 `/企业 新增` 逐家登记，或 `/企业 导入` 批量导入。"));
    return card("企业名录", "blue", elements);
  }
  elements.push(
    textTable(
      [
        { name: "name", display_name: "企业名称", width: "auto" },
        { name: "unit", display_name: "责任单位", width: "auto" },
        { name: "sector", display_name: "领域", width: "auto" },
        { name: "head", display_name: "主要负责人", width: "auto" },
        { name: "phone", display_name: "电话", width: "auto" },
        { name: "risk", display_name: "高危", width: "auto" },
      ],
      shown.map((e) => ({
        name: e.name,
        unit: e.unitName,
        sector: e.sectorName,
        head: e.headName,
        phone: e.headPhone ?? "",
        risk: e.highRisk ? "是" : "",
      })),
    ),
  );
  if (rows.length > shown.length) {
    elements.push(md(`只列出前 ${shown.length} 家：用 \`单位=\` 或 \`领域=\` 缩小范围。`));
  }
  return card("企业名录", "blue", elements);
}
