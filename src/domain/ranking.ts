// How units (or sectors) are ranked, as the plan asks: by 重大 hazards found, then by the share of their 督办
// clocks met in time, then by name. One rule for the 季通报 and /排名, printed on both.

export interface RankInput {
  id: number;
  name: string;
  /** 重大 hazards found in the period (by 发现日期, 已撤销 left out) */
  found: number;
  /** of those, closed (已销号) */
  closed: number;
  /** 督办 postings made in the period */
  postings: number;
  /** 督办 clocks due in the period: met in time, and missed */
  clocksMet: number;
  clocksMissed: number;
  /**
   * A retired unit (/单位 停用) with figures in the period: its hazards count in the township's total, so it is
   * listed, after the ranked ones, but takes no rank, no praise and no blame.
   */
  retired?: boolean;
}

export interface Ranked extends RankInput {
  /** null for a retired unit, listed unranked */
  rank: number | null;
  /** clocks met in time ÷ clocks decided; null with none ("—") */
  share: number | null;
}

/** A unit with no clock decided in the period neither gains nor loses: it ranks as if half were met. */
export const NEUTRAL_SHARE = 0.5;

export const RANKING_RULE =
  "排名规则：先比本期发现的重大隐患条数（多者在前）；相同再比督办时限内达到实质进展的比例（高者在前，本期没有到期督办的记「—」，按中性 50% 比较）；再相同按名称。挂牌督办情况列在旁边，不计入得分。";

export function shareOf(r: Pick<RankInput, "clocksMet" | "clocksMissed">): number | null {
  const decided = r.clocksMet + r.clocksMissed;
  return decided === 0 ? null : r.clocksMet / decided;
}

const collator = new Intl.Collator("zh-CN");

export function rank(rows: readonly RankInput[]): Ranked[] {
  const withShare = rows.map((r) => ({ ...r, share: shareOf(r) }));
  const order = (a: (typeof withShare)[number], b: (typeof withShare)[number]) =>
    b.found - a.found ||
    (b.share ?? NEUTRAL_SHARE) - (a.share ?? NEUTRAL_SHARE) ||
    collator.compare(a.name, b.name);
  const ranked = withShare.filter((r) => !r.retired).sort(order);
  // Equal found and share share a rank (the name only orders the lines).
  let rankNo = 0;
  return [
    ...ranked.map((r, i) => {
      const prev = ranked[i - 1];
      if (!prev || prev.found !== r.found || (prev.share ?? NEUTRAL_SHARE) !== (r.share ?? NEUTRAL_SHARE))
        rankNo = i + 1;
      return { ...r, rank: rankNo };
    }),
    ...withShare
      .filter((r) => r.retired)
      .sort(order)
      .map((r) => ({ ...r, rank: null })),
  ];
}

export function shareText(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}
