// /企业 导入 then the file: Feishu cannot send a file and text in one message, so the command leaves its
// arguments in pending_uploads and the sender's next file in that chat (or privately) is the roster. The
// roster is read, every row checked, and either all of it is written in one batch or nothing is.

import { importProblemsCard, importSummaryCard } from "../../cards/enterprise-import";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { lacksPermission } from "../../src/bot/replies";
import { excerpt } from "../../src/domain/excerpt";
import { can } from "../../src/domain/permissions";
import { parseYesNo } from "../../src/domain/yes-no";
import { FeishuApiError } from "../../src/feishu/errors";
import { planEnterpriseImport } from "../../src/imports/enterprise-plan";
import { readRoster } from "../../src/imports/enterprise-roster";
import { readSheet } from "../../src/imports/sheet";
import { isUniqueViolation } from "../../src/store/constraint";
import { listEnterprises, writeEnterpriseImport } from "../../src/store/enterprises";
import { putPendingUpload, takePendingUpload } from "../../src/store/pending-uploads";
import { listSectors, listUnits } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveSector } from "../lookups";
import type { CommandContext, PlainContext } from "../types";

export const IMPORT_USAGE = "/企业 导入 [领域=…] [高危=是/否]";
const PURPOSE = "enterprise-import";
const WAIT_MS = 10 * 60_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const SEND_FILE_PROMPT =
  "请在 10 分钟内把 .xlsx 或 .csv 文件发到这里（群里需要应用开通「获取群组中所有消息」权限；也可以私聊安督发送）";

interface ImportParams {
  sectorId?: number;
  sectorName?: string;
  highRisk?: boolean;
}

function parseParams(text: string): ImportParams {
  try {
    const value = JSON.parse(text) as ImportParams;
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}

async function wait(deps: Deps, openId: string, chatId: string, params: ImportParams): Promise<void> {
  await putPendingUpload(deps.db, {
    openId,
    chatId,
    purpose: PURPOSE,
    params: JSON.stringify(params),
    expiresAt: deps.now() + WAIT_MS,
  });
}

/** The /企业 导入 subcommand: checks its arguments now, then waits for the file. */
export async function awaitRosterFile(ctx: CommandContext): Promise<void> {
  // A stray word is refused, not ignored: the wait would start on a command the person did not mean.
  const stray = ctx.args[0];
  if (stray !== undefined)
    throw new BotError("bad_input", `看不懂「${excerpt(stray)}」：导入只写 领域=… 和 高危=是/否`);
  const args = readArgs(ctx.named, { 领域: "sector", 行业领域: "sector", 高危: "highRisk" });
  const params: ImportParams = {};
  if (args.sector !== undefined) {
    const sector = await resolveSector(ctx.deps, args.sector);
    params.sectorId = sector.id;
    params.sectorName = sector.name;
  }
  if (args.highRisk !== undefined) {
    const flag = parseYesNo(args.highRisk);
    if (flag === undefined)
      throw new BotError("bad_input", `高危应写 是 或 否，「${excerpt(args.highRisk)}」不行`);
    params.highRisk = flag;
  }
  await wait(ctx.deps, ctx.event.sender, ctx.event.chatId, params);
  const defaults = [
    `领域：${params.sectorName ?? "按文件的「领域」列"}`,
    `高危：${params.highRisk === undefined ? "按文件的「高危」列，没有则为否" : params.highRisk ? "是" : "否"}`,
  ];
  await ctx.reply({
    msgType: "text",
    text: `${SEND_FILE_PROMPT}。\n${defaults.join("；")}（文件里有这两列时以文件为准）。`,
  });
}

/** The file hook: a file from someone waiting to import is the roster; an admin's stray file gets a hint. */
export async function receiveRosterFile(ctx: PlainContext): Promise<boolean> {
  const { deps, event, actor } = ctx;
  const file = event.files[0];
  if (event.messageType !== "file" || !file) return false;
  if (!can(actor.role, "enterprise.import")) return false;
  const upload = await takePendingUpload(deps.db, {
    openId: event.sender,
    chatId: event.chatId,
    purpose: PURPOSE,
    now: deps.now(),
    anyChat: event.chatType === "p2p",
  });
  if (!upload) {
    // In a group, admins post files for many reasons: only a file sent to the bot itself gets the hint.
    if (!event.addressed) return false;
    await ctx.reply({
      msgType: "text",
      text: `要导入企业名录，先发送「${IMPORT_USAGE}」（例如 /企业 导入 领域=烟花爆竹），再在 10 分钟内发文件。`,
    });
    return true;
  }
  const params = parseParams(upload.params);
  // A file that cannot be used leaves the wait in place, so the corrected file can follow without the command.
  const retry = () => wait(deps, event.sender, event.chatId, params);
  const refuse = async (problems: string[]) => {
    await retry();
    await ctx.reply({ msgType: "interactive", card: importProblemsCard(file.fileName, problems, true) });
    return true;
  };

  let bytes: Buffer;
  try {
    bytes = await deps.openApi.downloadResource(event.messageId, file.fileKey, "file");
  } catch (error) {
    await retry();
    if (error instanceof FeishuApiError && error.missingScope) {
      throw new BotError("unavailable", lacksPermission("没能从飞书取到这个文件，什么也没有写入"));
    }
    throw new BotError("unavailable", "没能从飞书取到这个文件，什么也没有写入。请稍后再发一次文件。");
  }
  if (bytes.length > MAX_FILE_BYTES)
    return refuse([`文件太大（${Math.ceil(bytes.length / 1024)} KB），最多 5 MB。`]);
  const sheet = await readSheet(file.fileName, bytes);
  if (!sheet.ok) return refuse([sheet.error]);
  const [units, sectors] = await Promise.all([listUnits(deps.db), listSectors(deps.db)]);
  const roster = readRoster(sheet.rows, {
    units,
    sectors,
    sectorId: params.sectorId,
    highRisk: params.highRisk,
  });
  if (!roster.ok) return refuse(roster.problems);

  const plan = planEnterpriseImport(roster.records, await listEnterprises(deps.db));
  try {
    await writeEnterpriseImport(deps.db, plan, event.sender, deps.now());
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await retry();
    throw new BotError("conflict", "导入时有人同时登记了同名企业，什么也没有写入。请把文件再发一次。");
  }
  deps.logger.info("enterprise import", {
    added: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged.length,
  });
  await ctx.reply({
    msgType: "interactive",
    card: importSummaryCard({
      fileName: file.fileName,
      added: plan.inserts.map((e) => e.name),
      updated: plan.updates.map((u) => u.before.name),
      unchanged: plan.unchanged.length,
    }),
  });
  return true;
}
