// Node's work after the acknowledgement: started on the next turn of the event loop (after the answer is
// written) and tracked, so the chat CLI, the tests and a stop can wait for it to finish.
import type { Logger } from "../logger";

type Work = () => Promise<unknown>;

export class BackgroundWork {
  private pending = new Set<Promise<unknown>>();
  /** work handed to a lane that has not started yet: `idle` waits for it too */
  private waiting = 0;

  constructor(private readonly logger: Logger) {}

  /** Starts `work` on the next turn of the event loop (after the answer is written) and tracks it. */
  run = (work: Work): void => {
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

  /**
   * A lane: work given to it runs at most `limit` at a time, in the order given, each started on a turn of its
   * own. A command's work is mostly synchronous database statements; run all at once behind a burst, it would
   * hold the event loop for the whole burst, and the acknowledgements of the requests arriving meanwhile
   * (Feishu's 3 s) would wait behind it. Through a lane, each turn of the event loop runs at most `limit`
   * commands before it reads the sockets again: what cannot keep up waits here, already claimed and stored.
   */
  lane(limit: number): (work: Work) => void {
    const queue: Work[] = [];
    let active = 0;
    const next = () => {
      while (active < limit && queue.length > 0) {
        const work = queue.shift()!;
        this.waiting--;
        active++;
        // Started before the finished one's promise settles, so `idle` never sees a gap between them.
        this.run(() =>
          Promise.resolve()
            .then(work)
            .finally(() => {
              active--;
              next();
            }),
        );
      }
    };
    return (work) => {
      queue.push(work);
      this.waiting++;
      next();
    };
  }

  /** Resolves once nothing is running or waiting in a lane, including work started by work that was running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.waiting > 0) await Promise.all([...this.pending]);
  }
}
