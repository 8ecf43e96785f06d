// Feishu allows 5 messages a second to one user, and 5 a second to one group shared by every bot in it
// (open.feishu.cn im/v1 message create, 使用限制): space our sends to match, per key.

export class RateLimiter {
  private recent = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when one more send to `key` keeps within the limit, and counts it. */
  async take(key: string): Promise<void> {
    for (;;) {
      const t = this.now();
      const window = (this.recent.get(key) ?? []).filter((at) => at > t - 1000);
      if (window.length < this.perSecond) {
        window.push(t);
        this.recent.set(key, window);
        return;
      }
      await this.sleep(window[0]! + 1000 - t);
    }
  }
}
