// /隐患: the hazard ledger in chat, from first report to 销号; each subcommand lives in commands/hazard/.
import { createFormAction, createSub } from "./hazard/create";
import { createAnywayAction } from "./hazard/duplicate";
import { editSub } from "./hazard/edit";
import { editAction, editCancelAction, editFormAction } from "./hazard/edit-form";
import { listPageAction, listSub } from "./hazard/list";
import { moveActions, moveSubs } from "./hazard/moves";
import { attachRepliedPhotos } from "./hazard/photos";
import { progressMetSub } from "./hazard/progress-met";
import { superviseAction, superviseSub } from "./hazard/supervise";
import { viewSub } from "./hazard/view";
import { restoreSub, withdrawAction, withdrawSub } from "./hazard/withdraw";
import { withdrawSupervisionSub } from "./hazard/withdraw-supervision";
import type { Command } from "./types";

export const hazardCommand: Command = {
  name: "隐患",
  aliases: ["hazard"],
  summary: "重大事故隐患台账：登记、整改进展、验收销号、挂牌督办、更正与撤销",
  subcommands: [
    createSub,
    listSub,
    viewSub,
    ...moveSubs,
    superviseSub,
    progressMetSub,
    withdrawSupervisionSub,
    editSub,
    withdrawSub,
    restoreSub,
  ],
  cardActions: [
    createFormAction,
    createAnywayAction,
    listPageAction,
    ...moveActions,
    superviseAction,
    withdrawAction,
    editFormAction,
    editAction,
    editCancelAction,
  ],
  onPlainMessage: attachRepliedPhotos,
};
