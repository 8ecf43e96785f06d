// `npm run doctor`: checks the Feishu app and the setup from the service's side, one ✓/✗ line each with the
// console step that fixes it; exits 1 on any ✗. It reads the same settings as the service and sends nothing.
import "dotenv/config";
import type { Database } from "../db/client";
import { ConfigError, parseConfig } from "../src/config";
import { runDoctor } from "../src/doctor/run";
import { formatResult } from "../src/doctor/types";
import { createLarkClient } from "../src/feishu/client";
import { memoryLogger } from "../src/logger";
import { openDatabase } from "../src/node/database";

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.log(`✗ 设置：${error instanceof ConfigError ? error.message : String(error)}`);
  process.exit(1);
}

let database: Database | null = null;
let databaseError: string | undefined;
try {
  database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
} catch (error) {
  databaseError = error instanceof Error ? error.message : String(error);
}
// The SDK's own warnings would repeat what the lines say: they go to a log nobody prints.
const lark = config.feishu ? createLarkClient(config.feishu, config.domain, memoryLogger()) : null;
const results = await runDoctor({ config, lark, database, databaseError });
database?.close();
for (const result of results) console.log(formatResult(result));
const failed = results.filter((r) => r.status === "fail").length;
console.log(
  failed === 0 ? "\n全部通过。" : `\n${failed} 项要处理：按每行箭头后的步骤改好，再运行 npm run doctor。`,
);
process.exit(failed === 0 ? 0 : 1);
