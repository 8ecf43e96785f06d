// /台账: the 附件3 ledger (重大事故隐患排查整治台账) as a card, as the form's workbook, and a unit's monthly filing.
import { confirmSub } from "./ledger/confirm";
import { exportSub } from "./ledger/export";
import { pageAction, viewSub } from "./ledger/view";
import type { Command } from "./types";

export const ledgerCommand: Command = {
  name: "台账",
  aliases: ["ledger"],
  summary: "附件3 重大事故隐患排查整治台账：卡片、Excel 导出、每月确认",
  subcommands: [viewSub, exportSub, confirmSub],
  cardActions: [pageAction],
};
