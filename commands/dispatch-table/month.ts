// The month a `/调度表` line is about: a positional 2023-06 or 月份=, by default the month before today's;
// a month not yet over cannot be filed.
import { BotError } from "../../src/bot/errors";
import { type Period, periodOf, previousPeriod } from "../../src/domain/periods";
import { readMonth } from "../ledger/scope";

export function monthOf(args: string[], named: Record<string, string>, today: string, usage: string): Period {
  const written = [...args, ...(named.月份 !== undefined ? [named.月份] : [])];
  if (written.length > 1)
    throw new BotError("unreadable", `月份只能写一个：「${written.join(" ")}」`, [usage]);
  return written[0] === undefined
    ? previousPeriod(periodOf("month", today))
    : readMonth(written[0], today, usage);
}

/** 2023年6月30日: the 时间 of a month's table. */
export function dayLabel(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
