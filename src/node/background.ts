// Node's work after the acknowledgement: started on the next turn of the event loop (after the answer is
// written) and tracked, so the chat CLI, the tests and a stop can wait for it to finish.
import type { Logger } from "../logger";

export class BackgroundWork {
  private pending = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` on the next turn of the event loop (after the answer is written) and tracks it. */
  run = (work: () => Promise<unknown>): void => {
    const tracked = new Promise((started) => setImmediate(started))
      .then(work)
      .catch((error: unknown) => {
        this.logger.error("background work failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  };

  /** Resolves once nothing is running, including work started by work that was running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
