// The answer to a new hazard that looks like one already logged: the open one(s) beside the new entry, and a
// 仍要登记 button for its author. The button carries only the held draft's id: the fields stay with the bot.
import { dateTimeIn } from "../src/domain/time";
import { button, card, escapeMd, fields, hr, md } from "./fragments";
import type { Card, CardElement } from "./types";

export interface DuplicateView {
  number: string;
  unitName: string;
  enterpriseName: string;
  sectorName: string;
  description: string;
  status: string;
  deadline: string;
  createdAt: number;
}

export interface DraftView {
  unitName: string;
  enterpriseName: string;
  sectorName: string;
  description: string;
  measures: string;
  deadline: string;
}

export function hazardDuplicateCard(input: {
  pendingId: number;
  draft: DraftView;
  existing: DuplicateView[];
  timezone: string;
}): Card {
  const first = input.existing[0]?.number ?? "";
  const elements: CardElement[] = [
    md(
      escapeMd(
        `这条隐患和 7 天内登记、尚未销号的 ${input.existing.map((e) => e.number).join("、")} 企业相同、描述相同，可能是重复登记，还没有登记。`,
      ),
    ),
  ];
  for (const e of input.existing) {
    elements.push(
      hr(),
      md(`**已有：${escapeMd(e.number)}**（${escapeMd(e.status)}）`),
      fields([
        ["部门/村居", e.unitName],
        ["企业（项目）", e.enterpriseName],
        ["所属行业领域", e.sectorName],
        ["重大隐患描述", e.description],
        ["整改期限", e.deadline],
        ["登记时间", dateTimeIn(e.createdAt, input.timezone)],
      ]),
    );
  }
  const d = input.draft;
  elements.push(
    hr(),
    md("**这次要登记的**"),
    fields([
      ["部门/村居", d.unitName],
      ["企业（项目）", d.enterpriseName],
      ["所属行业领域", d.sectorName],
      ["重大隐患描述", d.description],
      ["整改措施", d.measures],
      ["整改期限", d.deadline],
    ]),
    md(
      escapeMd(
        `若是同一条，不用再登记，请用 /隐患 进展 ${first} … 跟进；若确是另一条隐患，请点「仍要登记」（只有登记人能点）。`,
      ),
    ),
    button("仍要登记", { action: "hazard.create_anyway", pending: input.pendingId }, "primary"),
  );
  return card("可能重复登记", "orange", elements);
}
