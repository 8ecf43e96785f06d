// /调度表: 附件4 (……领域重大事故隐患专项排查整治进展情况调度表), one per sector: the table as a card and a workbook,
// and the monthly filing of what the ledger cannot give.
import { fileSub, submitAction } from "./dispatch-table/file";
import { viewSub } from "./dispatch-table/view";
import type { Command } from "./types";

export const dispatchTableCommand: Command = {
  name: "调度表",
  aliases: ["附件4"],
  summary: "附件4 进展情况调度表：查看、导出、每月填报",
  subcommands: [viewSub, fileSub],
  cardActions: [submitAction],
};
