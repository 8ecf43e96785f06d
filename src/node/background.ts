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
    this.track(new Promise((started) => setImmediate(started)).then(work));
  };

  /**
   * A lane: work given to it starts in the order given, at most `perTurn` in one turn of the event loop. A
   * command's work begins with synchronous database statements (a few milliseconds); started all at once behind
   * a burst of requests, they would hold the event loop for the whole burst, and the acknowledgements of the
   * requests arriving meanwhile (Feishu's 3 s) would wait behind them. Through a lane, the loop reads its sockets
   * again after every `perTurn` commands. It meters starts, not how many run: a command waiting on the Open API
   * (its answer's send, at Feishu's pace) holds no place, so a slow Open API does not slow the commands behind.
   */
  lane(perTurn: number): (work: Work) => void {
    const queue: Work[] = [];
    let scheduled = false;
    const startSome = async () => {
      scheduled = false;
      // Each on an immediate of its own, as `run` starts work: its chain of statements runs to its first wait
      // before the next begins. Started together, their statements would interleave, and a transaction's open
      // connection would meet another's write: SQLITE_BUSY, on one thread that cannot wait for itself.
      for (const work of queue.splice(0, perTurn)) {
        this.waiting--;
        this.run(work);
      }
      // The rest on a later turn, after the loop has read its sockets.
      if (queue.length > 0) schedule();
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      this.run(startSome);
    };
    return (work) => {
      queue.push(work);
      this.waiting++;
      schedule();
    };
  }

  private track(started: Promise<unknown>): void {
    const tracked = started
      .catch((error: unknown) => {
        this.logger.error("background work failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once nothing is running or waiting in a lane, including work started by work that was running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.waiting > 0) await Promise.all([...this.pending]);
  }
}
