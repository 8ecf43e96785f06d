// The ledger card of `/隐患 列表`: one page of hazards in a table, the total as 共 N 条, and 上一页/下一页
// buttons that carry the filters. Pure: data in, card JSON 2.0 out.
import {
  dueText,
  type HazardLevel,
  type HazardSource,
  type HazardStatus,
  isOverdue,
  type SupervisionLevel,
} from "../src/domain/hazard-lifecycle";
import { awaitsPosting } from "../src/domain/supervision-clock";
import { button, buttonRow, card, clip, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

/** One hazard as a row of the ledger table. */
export interface HazardListRow {
  number: string;
  unitName: string;
  enterpriseName: string;
  sectorName: string;
  description: string;
  status: HazardStatus;
  /** YYYY-MM-DD */
  deadline: string;
  level: HazardLevel;
  source: HazardSource;
  /** 发现日期, YYYY-MM-DD */
  foundOn: string;
  /** the standing 督办 level (the highest posting not withdrawn), null when none stands */
  supervisionLevel: SupervisionLevel | null;
}

export interface HazardListCardInput {
  rows: HazardListRow[];
  total: number;
  /** 0-based */
  page: number;
  pageSize: number;
  /** the filters in words, e.g. ["单位=应急办", "超期"] */
  filterText: string[];
  /** what the 上一页/下一页 buttons carry back, besides the page */
  filterValue: Record<string, unknown>;
  today: string;
}

const COLUMNS = [
  { name: "number", display_name: "编号", width: "auto" },
  { name: "unit", display_name: "部门/村居", width: "auto" },
  { name: "enterprise", display_name: "企业（项目）", width: "auto" },
  { name: "sector", display_name: "领域", width: "auto" },
  { name: "description", display_name: "隐患描述", width: "auto" },
  { name: "status", display_name: "状态", width: "auto" },
  { name: "deadline", display_name: "整改期限", width: "auto" },
  { name: "supervision", display_name: "督办", width: "auto" },
];

function deadlineCell(row: HazardListRow, today: string): string {
  if (row.status === "已销号" || row.status === "已撤销") return row.deadline;
  return `${row.deadline}（${dueText(row.deadline, today)}）`;
}

/** The standing level, or the flag on a 重大 hazard from 部门检查 waiting too long for a posting. */
function supervisionCell(row: HazardListRow, today: string): string {
  if (row.supervisionLevel !== null) return row.supervisionLevel;
  return awaitsPosting(row, false, today) ? "应督办未督办" : "";
}

export function hazardListCard(input: HazardListCardInput): Card {
  const pages = Math.max(1, Math.ceil(input.total / input.pageSize));
  const filters = input.filterText.length > 0 ? `筛选：${input.filterText.join("　")}　` : "";
  const elements: CardElement[] = [
    md(
      `${escapeMd(filters)}**共 ${input.total} 条**　第 ${input.page + 1}/${pages} 页　未销号的在前，按整改期限排`,
    ),
  ];
  if (input.rows.length === 0) {
    elements.push(md(input.total === 0 ? "没有符合条件的隐患。" : "这一页没有隐患了。"));
  } else {
    // Table cells of data_type text are plain text: no escaping needed, nothing in them is read as markup.
    elements.push({
      tag: "table",
      page_size: input.pageSize,
      row_height: "low",
      header_style: { bold: true, background_style: "grey" },
      columns: COLUMNS.map((c) => ({ ...c, data_type: "text" })),
      rows: input.rows.map((r) => ({
        number: r.number,
        unit: r.unitName,
        enterprise: clip(r.enterpriseName, 20),
        sector: r.sectorName,
        description: clip(r.description, 24),
        status: isOverdue(r.deadline, r.status, input.today) ? `${r.status}（超期）` : r.status,
        deadline: deadlineCell(r, input.today),
        supervision: supervisionCell(r, input.today),
      })),
    });
    elements.push(md("看一条的详情和办理按钮：发送 `/隐患 查看 编号`"));
  }
  const buttons: CardElement[] = [];
  if (input.page > 0) {
    buttons.push(
      button("上一页", { action: "hazard.list.page", page: input.page - 1, ...input.filterValue }),
    );
  }
  if (input.page + 1 < pages) {
    buttons.push(
      button("下一页", { action: "hazard.list.page", page: input.page + 1, ...input.filterValue }, "primary"),
    );
  }
  if (buttons.length > 0) elements.push(buttonRow(buttons));
  return card("隐患台账", "blue", elements, `共 ${input.total} 条`);
}
