// 季通报 (`quarterly-ranking`): the 1st of January, April, July and October at 09:30 (or the next workday),
// for the previous quarter: units ranked, the top three praised, the units that found none named, and those
// that sent no 典型执法案例.
import { rankingCard } from "../../cards/ranking";
import { reportingUnits } from "../reports/monthly-filing";
import { rankingCardView, rankingReport } from "../reports/ranking";
import { casesBetween } from "../store/cases";
import { firstWorkdayAfter, previousOf } from "./schedule";
import type { Job } from "./types";

export const quarterlyRanking: Job = {
  name: "quarterly-ranking",
  title: "季通报",
  schedule: "1月、4月、7月、10月1日 09:30（节假日顺延），上一季度",
  period: previousOf("quarter"),
  due: firstWorkdayAfter("09:30"),
  async run({ deps, today }, quarter) {
    const report = await rankingReport(deps, quarter, "单位", today);
    // Each unit owes a 典型执法案例 a quarter: the 季通报 names those that sent none.
    const cases = await casesBetween(deps.db, { from: quarter.start, to: quarter.end });
    const noCase = (await reportingUnits(deps)).filter((u) => !cases.some((c) => c.unitId === u.id));
    const view = {
      ...rankingCardView(report, { title: "季通报", praise: true }),
      noCase: noCase.map((u) => u.name),
    };
    return [{ msgType: "interactive", card: rankingCard(view) }];
  },
};
