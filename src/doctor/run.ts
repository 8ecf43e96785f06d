// `npm run doctor`'s checks in order, and the same checks run once at start in Feishu mode (one warning each).
// Nothing here sends a message to anyone.
import type { Database } from "../../db/client";
import { effectiveSetting } from "../bot/settings";
import type { Config } from "../config";
import type { LarkClient } from "../feishu/client";
import type { Logger } from "../logger";
import { listMembers } from "../store/members";
import { checkBot } from "./bot";
import { checkContact } from "./contact";
import { checkCredentials } from "./credentials";
import { checkDatabase } from "./database";
import { checkGroup } from "./group";
import { checkDownloadScope, checkSendScope, checkUploadScope } from "./message-scopes";
import { checkKeys, checkMode } from "./setup";
import type { CheckResult } from "./types";

export interface DoctorInput {
  config: Config;
  lark: LarkClient | null;
  database: Database | null;
  /** why the database could not be opened */
  databaseError?: string;
}

/** The dispatch group in force: set in chat (/设置 本群为调度群) or FEISHU_GROUP_CHAT_ID. */
async function dispatchGroup(input: DoctorInput): Promise<string | null> {
  if (!input.database) return input.config.groupChatId ?? null;
  try {
    return await effectiveSetting({ config: input.config, db: input.database.db }, "调度群");
  } catch {
    return input.config.groupChatId ?? null;
  }
}

/** The admin whose lookup checks the contact range: the first of ADMIN_OPEN_IDS, else the first bound 管理员. */
async function firstAdmin(input: DoctorInput): Promise<string | null> {
  const listed = input.config.adminOpenIds[0];
  if (listed) return listed;
  if (!input.database) return null;
  try {
    return (await listMembers(input.database.db)).find((m) => m.role === "管理员")?.openId ?? null;
  } catch {
    return null;
  }
}

async function feishuChecks(input: DoctorInput): Promise<CheckResult[]> {
  const { config, lark } = input;
  if (!config.feishu || !lark) return [];
  const credentials = await checkCredentials(config, config.feishu);
  // Without a token no other call can tell anything: the one ✗ says what to fix first.
  if (credentials.status !== "ok") return [credentials];
  return [
    credentials,
    await checkBot(lark),
    await checkSendScope(lark),
    await checkDownloadScope(lark),
    await checkUploadScope(lark),
    ...(await checkGroup(lark, await dispatchGroup(input))),
    ...(await checkContact(lark, await firstAdmin(input))),
  ];
}

export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const { config } = input;
  return [
    checkMode(config),
    checkKeys(config),
    await checkDatabase(config.databaseUrl, input.database, input.databaseError),
    ...(await feishuChecks(input)),
  ];
}

/** At start in Feishu mode: the same checks, one warning per problem; the start never waits for them. */
export async function warnAboutSetup(input: DoctorInput, logger: Logger): Promise<void> {
  for (const result of await runDoctor(input)) {
    if (result.status === "ok") continue;
    logger.warn("setup problem: run npm run doctor", {
      check: result.check,
      problem: result.detail,
      fix: result.fix,
    });
  }
}
