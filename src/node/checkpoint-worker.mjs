// The WAL checkpoints of the service's database file, on a thread of their own (started by ./checkpointer.ts).
// Plain JavaScript, so Node runs it as it is under `npm start`, the tests and a build alike.
//
// A checkpoint copies the WAL into the database and fsyncs both: tens to hundreds of milliseconds on a busy disk.
// Run by SQLite's auto-checkpoint it happens inside some commit, on the event loop, and every acknowledgement
// waits. Here it blocks only this thread. PASSIVE never waits for readers or writers: the service writes on.
// It cannot start the WAL over (only a writer that finds every frame copied does), so the service keeps a rare
// checkpoint of its own that finds almost nothing left to copy (./checkpointer.ts).
import { parentPort, workerData } from "node:worker_threads";
import { createClient } from "@libsql/client";

/** @type {{ url: string, everyMs: number }} */
const { url, everyMs } = workerData;
const client = createClient({ url });
let lastError = "";

async function checkpoint() {
  try {
    await client.execute("PRAGMA wal_checkpoint(PASSIVE)");
    if (lastError !== "") parentPort?.postMessage({ recovered: true });
    lastError = "";
  } catch (error) {
    // Said once per distinct failure, not at every round.
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastError) parentPort?.postMessage({ error: message });
    lastError = message;
  }
}

const timer = setInterval(checkpoint, everyMs);
parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  await checkpoint();
  client.close();
  parentPort?.close();
});
parentPort?.postMessage({ ready: true });
