import { mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { createApp } from "../src/app";
import { bootBot } from "../src/bot/boot";
import { parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import { ENCRYPT_KEY, encryptedDelivery, messagePayload, VERIFICATION_TOKEN } from "../tests/support/events";
import { runLoad } from "./load";

const dir = mkdtempSync(join(tmpdir(), "p-"));
const config = parseConfig({
  FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
  FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  DATABASE_URL: `file:${join(dir, "b.db")}`,
});
const bot = await bootBot(config, { logger: memoryLogger() });
const app = createApp({ ...bot.deps, background: () => {} });
const server = createAdaptorServer({ fetch: app.fetch }) as Server;
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/feishu/events`;
const warm = Array.from({ length: 2000 }, (_, i) =>
  encryptedDelivery(messagePayload("/帮助", { eventId: `w${i}`, messageId: `wm${i}` })),
);
const reqs = Array.from({ length: 20000 }, (_, i) =>
  encryptedDelivery(messagePayload("/帮助", { eventId: `e${i}`, messageId: `m${i}` })),
);
await runLoad(url, warm, 32);
const s = new Session();
s.connect();
await s.post("Profiler.enable");
await s.post("Profiler.start");
console.log(await runLoad(url, reqs, 32));
const { profile } = await s.post("Profiler.stop");
writeFileSync("/tmp/server.cpuprofile", JSON.stringify(profile));
server.close();
