// /提醒: the reminders' side in chat: who has acknowledged what, pausing a blocked hazard's reminders, and the
// reminder card's 已知悉 buttons. The daily run itself is the `reminders` job (src/jobs/reminders-run.ts).
import { ackAction, ackAllAction } from "./reminder/ack";
import { pauseSub } from "./reminder/pause";
import { statusSub } from "./reminder/status";
import type { Command } from "./types";

export const reminderCommand: Command = {
  name: "提醒",
  aliases: ["reminder"],
  summary: "提醒的确认情况；暂停受阻隐患的提醒",
  subcommands: [statusSub, pauseSub],
  cardActions: [ackAction, ackAllAction],
};
