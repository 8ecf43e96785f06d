// /案例: typical enforcement cases (典型执法案例), at least one per unit per quarter, counted into 附件4;
// corrected or deleted by their unit's 干部 or an admin, with the audit kept.
import { createSub } from "./case/create";
import { deleteSub } from "./case/delete";
import { editSub } from "./case/edit";
import { listSub } from "./case/list";
import type { Command } from "./types";

export const caseCommand: Command = {
  name: "案例",
  aliases: ["case"],
  summary: "典型执法案例：登记、列表、修改、删除（每个单位每季度至少 1 起）",
  subcommands: [createSub, listSub, editSub, deleteSub],
};
