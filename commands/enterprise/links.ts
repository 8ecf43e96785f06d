// 挂点领导=@某人 and 责任干部=@某人 on /企业 新增 and /企业 修改: the mentioned person must be bound with a fitting
// role (src/domain/enterprise-links.ts); `=无` removes the link. A plain name stays the 公示牌 text, as before,
// and a link never changes that text.
import { BotError } from "../../src/bot/errors";
import type { RawEnterprise } from "../../src/domain/enterprise-fields";
import { type EnterpriseLink, LINK_ROLES, readLinkValue } from "../../src/domain/enterprise-links";
import { excerpt } from "../../src/domain/excerpt";
import { memberForLink } from "../../src/store/enterprise-links";
import type { EnterpriseLinkColumns } from "../../src/store/enterprises";
import type { CommandContext } from "../types";

const FIELDS = [
  { field: "liaison", link: "挂点领导", column: "liaisonLeaderOpenId" },
  { field: "cadre", link: "责任干部", column: "cadreOpenId" },
] as const satisfies readonly { field: keyof RawEnterprise; link: EnterpriseLink; column: string }[];

export const LINK_RULE =
  "挂点领导=@某人 关联一位已绑定的领导，责任干部=@某人 关联一位已绑定的干部或领导，写 =无 取消关联";

/** A mention written apart from its key (`挂点领导= @张三`) or with no key at all is refused, never dropped. */
export function refuseLooseMentions(args: string[], usage: string): void {
  const loose = args.find((a) => a.startsWith("@ou_"));
  if (loose === undefined) return;
  throw new BotError(
    "bad_input",
    `@ 的人要紧跟在 挂点领导= 或 责任干部= 后面（= 后不留空格），例如 挂点领导=@张三。${LINK_RULE}。`,
    [usage],
  );
}

function roleWords(link: EnterpriseLink): string {
  return LINK_ROLES[link].join("或");
}

/**
 * Takes the values that name members out of the typed fields: what is left is the 公示牌 text; `links` holds
 * the link columns to write (an open_id, or null to remove one). Each mention is checked against the members.
 */
export async function readLinks(
  ctx: CommandContext,
  typed: RawEnterprise,
  usage: string,
): Promise<{ texts: RawEnterprise; links: Partial<EnterpriseLinkColumns> }> {
  const texts: RawEnterprise = { ...typed };
  const links: Partial<EnterpriseLinkColumns> = {};
  for (const { field, link, column } of FIELDS) {
    const read = readLinkValue(typed[field]);
    if (read.kind === "text") continue;
    delete texts[field];
    if (read.kind === "mixed") {
      throw new BotError(
        "bad_input",
        `${link}= 后面只能 @ 一个人，不要夹别的字（「${excerpt(typed[field] ?? "")}」）。公示牌上的姓名写 ${link}=姓名。`,
        [usage],
      );
    }
    if (read.kind === "none") {
      links[column] = null;
      continue;
    }
    const member = await memberForLink(ctx.deps.db, read.openId);
    const shown =
      member?.name ?? (ctx.event.mentions.find((m) => m.openId === read.openId)?.name || read.openId);
    if (!member) {
      throw new BotError(
        "bad_input",
        `${link}要关联已绑定的成员：${shown} 还没有绑定。先 /绑定 @${shown} 角色=${LINK_ROLES[link][0]}，或写 ${link}=姓名 只填公示牌。`,
        [usage],
      );
    }
    if (!LINK_ROLES[link].includes(member.role)) {
      throw new BotError(
        "bad_input",
        `${link}要关联绑定为${roleWords(link)}的成员，${shown} 绑定的是${member.role}。${LINK_RULE}。`,
        [usage],
      );
    }
    links[column] = member.openId;
  }
  return { texts, links };
}
