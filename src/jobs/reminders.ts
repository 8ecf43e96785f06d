// `reminders`: every workday at 08:30 by China's calendar, the day's reminders gathered per person
// (./reminders-run.ts). A day off is never its own run: the workday before covers what falls due on it.
import { runReminders } from "./reminders-run";
import { currentOf, onWorkdaysAt } from "./schedule";
import type { SendingJob } from "./types";

export const reminders: SendingJob = {
  name: "reminders",
  title: "每日提醒",
  schedule: "每个工作日 08:30（按国家节假日与调休），当天到下一个工作日之前到期的事项和该升级的事项",
  period: currentOf("day"),
  due: onWorkdaysAt("08:30"),
  async send(run, day) {
    const s = await runReminders(run.deps, run.calendar, day.start);
    const parts = [`发出提醒卡 ${s.cards} 张，共 ${s.items} 项`];
    if (s.escalations > 0) parts.push(`其中升级 ${s.escalations} 项`);
    if (s.urgent > 0) parts.push(`加急 ${s.urgent} 次`);
    if (s.waiting > 0) parts.push(`${s.waiting} 项因收件人今天已收到提醒卡，留到下一次`);
    return parts.join("，");
  },
};
