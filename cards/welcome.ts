// The card a group gets when the bot is added: what it is for and how to set it up.
import { card, md } from "./fragments";
import type { Card } from "./types";

export function welcomeCard(): Card {
  return card("安督已入群", "blue", [
    md(
      "我是**安督**，帮高兴镇安委办在群里跟踪安全生产重大事故隐患排查整治：登记隐患、跟踪整改、闭环销号、周调度、月小结、季通报。",
    ),
    md(
      "**设置三步**\n1. 管理员在本群 @安督 发送 `/设置 本群为调度群`，调度卡片就发到这里；\n2. 管理员用 `/绑定 @某人 角色=干部 单位=应急办` 绑定成员；\n3. 大家 @安督 发送 `/帮助` 查看全部命令。",
    ),
  ]);
}
