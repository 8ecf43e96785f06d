// The reporting units (/单位 列表): the township, its departments (镇直) and the villages (村居), with the
// short forms commands accept; and the answer to /单位 新增.
import { card, escapeMd, fields, md, textTable } from "./fragments";
import type { Card } from "./types";

export interface UnitView {
  name: string;
  kind: "村居" | "镇直" | "政府";
  aliases: string[];
}

const KIND_ORDER = { 政府: 0, 镇直: 1, 村居: 2 } as const;
const KIND_NAMES = { 政府: "镇政府", 镇直: "镇直（驻镇）单位", 村居: "村（居）" } as const;

/** 共 N 个, then every kind with its count, so the parts add up to the whole. */
function countLine(units: UnitView[]): string {
  const kinds = (Object.keys(KIND_ORDER) as UnitView["kind"][]).map((kind) => ({
    kind,
    n: units.filter((u) => u.kind === kind).length,
  }));
  const parts = kinds
    .filter((k) => k.n > 0 || k.kind !== "政府")
    .map((k) => `${KIND_NAMES[k.kind]} ${k.n} 个`);
  return `共 ${units.length} 个：${parts.join("，")}。`;
}

export function unitsCard(units: UnitView[]): Card {
  const sorted = [...units].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const villages = units.filter((u) => u.kind === "村居").length;
  return card("报送单位", "blue", [
    md(countLine(units)),
    textTable(
      [
        { name: "name", display_name: "单位", width: "auto" },
        { name: "kind", display_name: "类型", width: "auto" },
        { name: "aliases", display_name: "也可写作", width: "auto" },
      ],
      sorted.map((u) => ({ name: u.name, kind: u.kind, aliases: u.aliases.join("、") })),
    ),
    md(
      villages === 0
        ? "还没有村（居）：管理员发送 `/单位 新增 名称=某某村 类型=村居` 添加。"
        : "管理员可用 `/单位 新增 名称=… 类型=村居/镇直` 添加单位。",
    ),
  ]);
}

/** The answer to /单位 新增 (and, with its title and what changed, to /单位 修改). */
export function unitCreatedCard(unit: UnitView, title = "已添加单位", notice?: string): Card {
  return card(title, "green", [
    ...(notice ? [md(escapeMd(notice))] : []),
    fields([
      ["单位", unit.name],
      ["类型", unit.kind],
      ["也可写作", unit.aliases.join("、")],
    ]),
  ]);
}
