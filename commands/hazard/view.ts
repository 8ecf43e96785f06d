// `/隐患 查看 <编号>`: one hazard's card with its history and the buttons the asker may use.
import type { Subcommand } from "../types";
import { cardFor, findHazard, postHazardCard, readNumber } from "./show";

export const VIEW_USAGE = "/隐患 查看 <编号>";

export const viewSub: Subcommand = {
  name: "查看",
  aliases: ["详情"],
  action: "hazard.view",
  summary: "看一条隐患：各栏、状态、期限、督办、记录和可办理的按钮",
  usage: VIEW_USAGE,
  example: "/隐患 查看 YH-2023-0007",
  async run(ctx) {
    const number = readNumber(ctx.args[0], VIEW_USAGE);
    const detail = await findHazard(ctx.deps, ctx.actor, number);
    const card = await cardFor(ctx.deps, ctx.actor, detail);
    await postHazardCard(ctx.deps, ctx.reply, detail.hazard, ctx.event.chatId, card);
  },
};
