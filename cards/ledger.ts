// The 附件3 ledger as a card (`/台账`): the counts by status, then the 重大 hazards found most recently, 10 a
// page, with the form's columns and 上一页/下一页 buttons. Pure: a view in, card JSON 2.0 out.
import type { Form3Row } from "../src/domain/form3";
import type { HazardStatus } from "../src/domain/hazard-lifecycle";
import { button, buttonRow, card, clip, escapeMd, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

export const LEDGER_PAGE = 10;

export interface LedgerCardView {
  /** the scope and month in words, e.g. ["单位=应急办", "2023年6月底"] */
  scope: string[];
  /** the 重大 rows, newest found first */
  major: Form3Row[];
  minorCount: number;
  /** 0-based */
  page: number;
  /** the line to type for the workbook, e.g. "/台账 导出 单位=应急办" */
  exportLine: string;
  /** what the 上一页/下一页 buttons carry back besides the page (the action and the request) */
  pageValue: Record<string, unknown>;
}

const ORDER: HazardStatus[] = ["待整改", "整改中", "待验收", "已销号"];

const COLUMNS = [
  { name: "n", display_name: "序号", width: "auto" },
  { name: "unit", display_name: "部门/村居", width: "auto" },
  { name: "enterprise", display_name: "企业（项目）", width: "auto" },
  { name: "sector", display_name: "所属行业领域", width: "auto" },
  { name: "description", display_name: "重大隐患描述", width: "auto" },
  { name: "supervision", display_name: "督办", width: "auto" },
  { name: "deadline", display_name: "整改期限", width: "auto" },
  { name: "progress", display_name: "整改进展", width: "auto" },
];

export function ledgerCard(view: LedgerCardView): Card {
  const counts = ORDER.map((s) => [s, view.major.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  const pages = Math.max(1, Math.ceil(view.major.length / LEDGER_PAGE));
  const scope = view.scope.length > 0 ? `${escapeMd(view.scope.join("　"))}\n` : "";
  const elements: CardElement[] = [
    md(
      `${scope}**重大隐患 共 ${view.major.length} 条**${counts.length > 0 ? `（${counts.join("，")}）` : ""}　一般隐患 ${view.minorCount} 条`,
    ),
  ];
  const shown = view.major.slice(view.page * LEDGER_PAGE, (view.page + 1) * LEDGER_PAGE);
  if (shown.length === 0) {
    elements.push(md(view.major.length === 0 ? "没有重大隐患（零报告也是报告）。" : "这一页没有了。"));
  } else {
    elements.push(
      textTable(
        COLUMNS,
        shown.map((r, i) => ({
          n: `${view.page * LEDGER_PAGE + i + 1}`,
          unit: r.unit,
          enterprise: clip(r.enterprise, 16),
          sector: r.sector,
          description: clip(r.description, 24),
          supervision: clip(r.supervision, 24),
          deadline: r.deadline,
          progress: clip(r.progress, 30),
        })),
        LEDGER_PAGE,
      ),
    );
  }
  const hints = [`第 ${view.page + 1}/${pages} 页，最近发现的在前。`];
  hints.push(`按附件3格式导出 Excel：${escapeMd(view.exportLine)}`);
  elements.push(md(hints.join("\n")));
  const buttons: CardElement[] = [];
  if (view.page > 0) buttons.push(button("上一页", { ...view.pageValue, page: view.page - 1 }));
  if (view.page + 1 < pages)
    buttons.push(button("下一页", { ...view.pageValue, page: view.page + 1 }, "primary"));
  if (buttons.length > 0) elements.push(buttonRow(buttons));
  return card("附件3 重大事故隐患排查整治台账", "blue", elements, `重大 ${view.major.length} 条`);
}
