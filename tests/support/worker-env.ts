// The Worker's bindings for tests: the same settings as in wrangler.toml and its secrets, pointing at the fake
// Open API and at a Hrana stand-in for Turso over a LibSQL file migrated and seeded as `npm run db:migrate` does.
import { join } from "node:path";
import { openDatabase, prepareDatabase } from "../../src/node/database";
import { APP_ID, ENCRYPT_KEY, GROUP_CHAT, VERIFICATION_TOKEN } from "./events";
import { ADMIN } from "./harness";
import { type HranaServer, startHranaServer } from "./hrana-server";

export const TURSO_TOKEN = "turso-token-for-tests";

/** A migrated LibSQL file in `dir` behind a Hrana stand-in that takes TURSO_TOKEN. */
export async function startTurso(dir: string): Promise<{ file: string; turso: HranaServer }> {
  const file = join(dir, "andu.db");
  const database = await openDatabase(`file:${file}`);
  await prepareDatabase(database);
  database.close();
  return { file, turso: await startHranaServer(file, TURSO_TOKEN) };
}

export function workerVars(feishuUrl: string, tursoUrl: string): Record<string, string> {
  return {
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: "test-secret",
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: feishuUrl,
    FEISHU_GROUP_CHAT_ID: GROUP_CHAT,
    ADMIN_OPEN_IDS: ADMIN,
    DATABASE_URL: tursoUrl,
    DATABASE_AUTH_TOKEN: TURSO_TOKEN,
  };
}
