// Feishu allows 5 messages a second to one user, and 5 a second to one group shared by every bot in it
// (open.feishu.cn im/v1 message create, 使用限制): space our sends to match, per key, first come first served.

export class RateLimiter {
  /** per key, the send times handed out in the last second and ahead: in order, since each is the latest */
  private slots = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Books the next free send time for `key` and returns how many ms from now it is. Known at once, so a
   * sender can hold its message for the whole wait (the outbox's lease) and waiters never race for a slot.
   */
  reserve(key: string): number {
    const t = this.now();
    const booked = (this.slots.get(key) ?? []).filter((at) => at > t - 1000);
    const at =
      booked.length < this.perSecond ? t : Math.max(t, booked[booked.length - this.perSecond]! + 1000);
    booked.push(at);
    this.slots.set(key, booked);
    return at - t;
  }

  /** Resolves when one more send to `key` keeps within the limit, and counts it. */
  async take(key: string): Promise<void> {
    const wait = this.reserve(key);
    if (wait > 0) await this.sleep(wait);
  }
}
