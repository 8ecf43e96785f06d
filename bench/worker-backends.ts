// The Worker benchmark's far side, in a process of its own so its CPU is not counted as the Worker's: the
// Hrana stand-in for Turso over the given LibSQL file and the fake Open API. Prints their URLs as one JSON line,
// and runs until its stdin closes.
import { startFakeOpenApi } from "../tests/support/fake-open-api";
import { startHranaServer } from "../tests/support/hrana-server";

const file = process.argv[2];
if (!file) throw new Error("usage: tsx bench/worker-backends.ts <database file>");
const turso = await startHranaServer(file);
const feishu = await startFakeOpenApi();
console.log(JSON.stringify({ turso: turso.url, feishu: feishu.url }));
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all([turso.close(), feishu.close()]);
  process.exit(0);
});
