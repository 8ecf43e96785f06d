// Starts and stops the thread that checkpoints the database's WAL (./checkpoint-worker.mjs): it copies the WAL
// into the database and fsyncs it off the event loop, a few times a second.
//
// It cannot do all of it. Only a writer that begins when every frame has been copied starts the WAL over, and
// under steady writes a checkpoint on another connection never catches up (frames arrive while it copies): with
// the service's own checkpoints off, the WAL grew by every write (2 GB in a 3-minute soak) and reads slowed with
// it. So the service keeps SQLite's checkpoint, at SERVICE_CHECKPOINT_PAGES rather than 1,000: rare, and with the
// thread a fraction of a second behind it finds little left to copy and fsync before the WAL starts over.
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger";

/** How often the thread copies the WAL back: a quarter of a second's writes at most is left for the service. */
export const CHECKPOINT_EVERY_MS = 250;

/** The WAL's length (pages) at which the service's own commit checkpoints and the WAL starts over: ~80 MB. */
export const SERVICE_CHECKPOINT_PAGES = 20_000;

export interface Checkpointer {
  /** a last checkpoint, then the thread ends; resolves when it has */
  stop(): Promise<void>;
  /** the thread itself (a test ends it unasked to see the fallback) */
  thread: Worker;
}

/**
 * Resolves once the thread has its connection. `fallback` runs when the thread fails or ends unasked: the caller
 * turns SQLite's auto-checkpoint back on, so the WAL never grows without bound.
 */
export function startCheckpointer(
  url: string,
  logger: Logger,
  fallback: () => void,
  everyMs = CHECKPOINT_EVERY_MS,
): Promise<Checkpointer> {
  const worker = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), {
    workerData: { url, everyMs },
    // Plain JavaScript: none of the parent's loaders (tsx under `npm start`), which would double its memory.
    execArgv: [],
  });
  // The thread never keeps the process alive: a stop without close (a script's end) just ends it.
  worker.unref();
  let stopping = false;
  let fellBack = false;
  const fail = (what: string, fields: Record<string, string | number>) => {
    if (stopping || fellBack) return;
    fellBack = true;
    logger.error(`WAL checkpoint thread ${what}; SQLite checkpoints on its own again`, fields);
    fallback();
  };
  const ended = new Promise<void>((done) => worker.once("exit", () => done()));
  return new Promise((ready, refuse) => {
    let started = false;
    worker.on("message", (message: { ready?: true; error?: string; recovered?: true }) => {
      if (message.ready) {
        started = true;
        ready({
          thread: worker,
          async stop() {
            stopping = true;
            worker.postMessage("stop");
            await ended;
          },
        });
      }
      if (message.error) logger.warn("WAL checkpoint failed", { error: message.error });
      if (message.recovered) logger.info("WAL checkpoints work again");
    });
    worker.once("error", (error) => {
      if (!started) refuse(error);
      else fail("failed", { error: error.message });
    });
    worker.once("exit", (code) => {
      if (!started) refuse(new Error(`the WAL checkpoint thread exited at start (${code})`));
      else fail("ended", { code });
    });
  });
}
