// `quarterly-case-reminder` (CONTRACT): the 1st and the 15th of a quarter's last month, 09:00 (moved to the next
// workday), the units with no 典型执法案例 yet this quarter, their bound 干部 @mentioned. Each unit owes at least
// one a quarter (seed §三(二)3). Nothing when every unit has one.
import { atMention, card, escapeMd, md } from "../../cards/fragments";
import { type Period, periodLabel, periodOf } from "../domain/periods";
import { workdayOnOrAfter } from "../domain/workdays";
import { reportingUnits } from "../reports/monthly-filing";
import { casesBetween } from "../store/cases";
import { filingPeople } from "../store/monthly-filings";
import type { GroupJob } from "./types";

/** The quarter's last month, YYYY-MM. */
const lastMonth = (quarter: Period) => quarter.end.slice(0, 7);

export const quarterlyCaseReminder: GroupJob = {
  name: "quarterly-case-reminder",
  title: "典型案例提醒",
  schedule: "每季度最后一个月的1日、15日 09:00（节假日顺延），本季度还没有典型执法案例的单位",
  period(today) {
    const quarter = periodOf("quarter", today);
    const round = today.slice(0, 7) === lastMonth(quarter) && Number(today.slice(8, 10)) >= 15 ? 2 : 1;
    return { ...quarter, key: `${quarter.key}#${round}` };
  },
  due(period, calendar) {
    const day = period.key.endsWith("#1") ? "01" : "15";
    return { date: workdayOnOrAfter(calendar, `${lastMonth(period)}-${day}`), time: "09:00" };
  },
  async run({ deps, today }, period) {
    const quarter = periodOf("quarter", period.start);
    const [units, cases, people] = await Promise.all([
      reportingUnits(deps),
      casesBetween(deps.db, { from: quarter.start, to: today }),
      filingPeople(deps.db),
    ]);
    const owing = units.filter((u) => !cases.some((c) => c.unitId === u.id));
    if (owing.length === 0) return [];
    const lines = owing.map((u) => {
      const who = people.cadres.filter((c) => c.unitId === u.id).map((c) => atMention(c.openId));
      return `- ${escapeMd(u.name)}${who.length > 0 ? ` ${who.join(" ")}` : "（未绑定干部）"}`;
    });
    const text = [
      `${periodLabel(quarter)}每个单位至少报送 1 起典型执法案例（含危险作业罪）至县安委办。**还没有登记的单位（${owing.length}/${units.length}）**：`,
      ...lines,
      "登记：/案例 新增 单位=… 企业=… 领域=… 描述=… 日期=…",
    ];
    return [
      {
        msgType: "interactive",
        card: card(`典型案例提醒：${periodLabel(quarter)}`, "orange", [md(text.join("\n"))]),
      },
    ];
  },
};
