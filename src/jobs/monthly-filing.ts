// The monthly filing's two jobs (CONTRACT: monthly-report-reminder, monthly-roll-call). The reminder goes on the
// 15th and on the last workday on or before the 19th, ahead of the 20th, naming the units that have not
// confirmed their 附件3 and the sectors with no 附件4, their bound people @mentioned; the roll-call on the 21st
// lists who filed and who did not, with the 全镇 附件3 and 附件4 workbooks. The first month due is the one
// 专项开始 falls in; a month before it posts nothing.
import { type FilingCardView, filingCard } from "../../cards/monthly-filing";
import { effectiveSetting } from "../bot/settings";
import { FORM3_TITLE } from "../domain/form3";
import {
  filingDueDay,
  nextPeriod,
  type Period,
  periodLabel,
  periodOf,
  previousPeriod,
} from "../domain/periods";
import { addDays, zonedMoment } from "../domain/time";
import { workdayOnOrAfter, workdayOnOrBefore } from "../domain/workdays";
import { form3Workbook } from "../exports/form3-workbook";
import { form4Workbook } from "../exports/form4-workbook";
import type { Outgoing } from "../feishu/outgoing";
import { form3Rows } from "../reports/form3";
import { form4FileName, form4Report, form4Sheets, TOWNSHIP_OFFICE } from "../reports/form4";
import { monthlyFilings } from "../reports/monthly-filing";
import type { GroupJob, JobRun } from "./types";

/** The month a run on `today` is about: the one before it. */
const reportedMonth = (today: string) => previousPeriod(periodOf("month", today));

async function filingView(
  run: JobRun,
  month: Period,
  mode: FilingCardView["mode"],
): Promise<FilingCardView | null> {
  const start = await effectiveSetting(run.deps, "专项开始");
  if (month.end < start) return null;
  const filings = await monthlyFilings(run.deps, month);
  return {
    mode,
    monthLabel: periodLabel(month),
    monthKey: month.key,
    dueDay: filingDueDay(month),
    units: filings.units.map((u) => ({
      name: u.unit.name,
      state: u.state,
      done: u.state === "已确认",
      people: u.people,
    })),
    sectors: filings.sectors.map((s) => ({
      name: s.sector.name,
      state: s.filing ? "已填报" : "未填报",
      done: s.filing !== null,
      people: s.people,
    })),
  };
}

/** Round 1 (the 15th) runs on days 1–15, round 2 (the last workday on or before the 19th) from the 16th. */
export const monthlyReportReminder: GroupJob = {
  name: "monthly-report-reminder",
  title: "月报提醒",
  schedule: "每月15日、19日前最后一个工作日 09:00，上个月的附件3/附件4",
  period(today) {
    const month = reportedMonth(today);
    return { ...month, key: `${month.key}#${Number(today.slice(8, 10)) <= 15 ? 1 : 2}` };
  },
  due(period, calendar) {
    const filingMonth = nextPeriod(periodOf("month", period.start));
    const day = period.key.endsWith("#1") ? "15" : "19";
    return { date: workdayOnOrBefore(calendar, `${filingMonth.key}-${day}`), time: "09:00" };
  },
  async run(run, period) {
    const view = await filingView(run, periodOf("month", period.start), "reminder");
    if (view === null || (view.units.every((u) => u.done) && view.sectors.every((s) => s.done))) return [];
    return [{ msgType: "interactive", card: filingCard(view) }];
  },
};

export const monthlyRollCall: GroupJob = {
  name: "monthly-roll-call",
  title: "月报点名",
  schedule: "每月21日 09:00（节假日顺延），上个月的附件3/附件4 报送情况和全镇汇总表",
  period: reportedMonth,
  due: (period, calendar) => ({
    date: workdayOnOrAfter(calendar, `${nextPeriod(period).key}-21`),
    time: "09:00",
  }),
  async run(run, month) {
    const view = await filingView(run, month, "roll-call");
    if (view === null) return [];
    const { deps } = run;
    const timeZone = deps.config.timezone;
    const asOf = {
      day: month.end,
      endMs: zonedMoment(addDays(month.end, 1), "00:00", timeZone) - 1,
      timeZone,
    };
    const rows = await form3Rows(deps, { foundBy: month.end }, asOf, run.today);
    const form3: Outgoing = {
      msgType: "file",
      fileName: `附件3-${FORM3_TITLE}-全镇-${month.key}.xlsx`,
      bytes: await form3Workbook({
        ...rows,
        periodLabel: `${periodLabel(month)}底`,
        footer: { unit: TOWNSHIP_OFFICE, filler: "安督（全镇汇总）", phone: "" },
      }),
    };
    const form4: Outgoing = {
      msgType: "file",
      fileName: form4FileName(month, null),
      bytes: await form4Workbook(form4Sheets(await form4Report(deps, month), null)),
    };
    return [{ msgType: "interactive", card: filingCard(view) }, form3, form4];
  },
};
