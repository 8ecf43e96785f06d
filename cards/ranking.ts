// The ranking card: the 季通报 posted each quarter and `/排名` on demand. Units (or sectors) by 重大 hazards
// found, then 督办 clocks met in time, then name; each one's share of the township's total beside it, never a
// quota of its own; 挂牌督办情况 beside the ranking; the rule printed. Pure: a view in, card JSON out.
import type { Ranked } from "../src/domain/ranking";
import { INCOMPLETE_NOTE, RETIRED_MARK } from "./campaign-fragments";
import { card, escapeMd, hr, md, textTable } from "./fragments";
import type { Card, CardElement } from "./types";

/** A ranked unit or sector as the card shows it: the domain's figures, with 按期比例 as text (80% or —). */
export type RankedLine = Omit<Ranked, "id" | "share"> & { shareText: string };

export interface RankingCardView {
  title: string;
  periodLabel: string;
  /** the words to ask for this period again, e.g. 2023Q3 */
  periodKey: string;
  incomplete: boolean;
  by: "单位" | "领域";
  total: number;
  general: number;
  quota: number | null;
  lines: RankedLine[];
  supervision: { postings: number; met: number; missed: number; running: number };
  rule: string;
  /** 0-based page of lines shown */
  page: number;
  pageSize: number;
  /** the 季通报 names the top three for praise and the units that found none */
  praise: boolean;
  /** the 季通报 also names the units with no 典型执法案例 in the quarter (each owes one) */
  noCase?: string[] | undefined;
}

const NONE_SHOWN = 40;

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}

function headline(v: RankingCardView): string {
  const quota =
    v.quota === null
      ? ""
      : `；全镇季度目标 ${v.quota} 条，${v.total >= v.quota ? "已完成" : `还差 ${v.quota - v.total} 条`}（${percent(v.total, v.quota)}）`;
  return `**${escapeMd(v.periodLabel)}**${v.incomplete ? INCOMPLETE_NOTE : ""}\n全镇发现重大隐患 **${v.total}** 条（一般 ${v.general} 条另计）${quota}。`;
}

function praiseLines(v: RankingCardView): CardElement[] {
  const ranked = v.lines.filter((l) => l.rank !== null);
  const top = ranked.filter((l) => l.found > 0).slice(0, 3);
  const none = ranked.filter((l) => l.found === 0);
  const noneText =
    none.length === 0
      ? "没有。"
      : `${none
          .slice(0, NONE_SHOWN)
          .map((l) => escapeMd(l.name))
          .join("、")}${none.length > NONE_SHOWN ? ` 等 ${none.length} 个` : ""}`;
  return [
    md(
      `**表扬**：${top.length === 0 ? "本期没有单位发现重大隐患。" : top.map((l) => `${escapeMd(l.name)}（${l.found} 条）`).join("、")}`,
    ),
    md(`**本期未发现重大隐患的${v.by}**（${none.length} 个）：${noneText}`),
    ...(v.noCase === undefined
      ? []
      : [
          md(
            `**本季度未报送典型执法案例的单位**（${v.noCase.length} 个）：${v.noCase.length === 0 ? "没有。" : v.noCase.slice(0, NONE_SHOWN).map(escapeMd).join("、")}${v.noCase.length > NONE_SHOWN ? ` 等 ${v.noCase.length} 个` : ""}`,
          ),
        ]),
  ];
}

export function rankingCard(v: RankingCardView): Card {
  const first = v.page * v.pageSize;
  const shown = v.lines.slice(first, first + v.pageSize);
  const pages = Math.max(1, Math.ceil(v.lines.length / v.pageSize));
  const elements: CardElement[] = [md(headline(v))];
  if (v.praise) elements.push(...praiseLines(v));
  elements.push(
    textTable(
      [
        { name: "rank", display_name: "名次", width: "auto" },
        { name: "name", display_name: v.by, width: "auto" },
        { name: "found", display_name: "发现重大", width: "auto" },
        { name: "share", display_name: "占全镇", width: "auto" },
        { name: "closed", display_name: "已销号", width: "auto" },
        { name: "postings", display_name: "挂牌督办", width: "auto" },
        { name: "clocks", display_name: "时限达到/超时", width: "auto" },
        { name: "ontime", display_name: "按期比例", width: "auto" },
      ],
      shown.map((l) => ({
        rank: l.rank === null ? "—" : String(l.rank),
        name: l.retired ? `${l.name}${RETIRED_MARK}` : l.name,
        found: String(l.found),
        share: percent(l.found, v.total),
        closed: String(l.closed),
        postings: String(l.postings),
        clocks: `${l.clocksMet}/${l.clocksMissed}`,
        ontime: l.shareText,
      })),
      10,
    ),
  );
  if (shown.some((l) => l.retired))
    elements.push(md(`标${RETIRED_MARK}的单位本期的隐患计入全镇合计，列在最后，不参加排名。`));
  const rest = v.lines.length - (first + shown.length);
  const ask = `/排名 ${v.periodKey}${v.by === "领域" ? " 按=领域" : ""}`;
  if (pages > 1) {
    elements.push(
      md(
        `第 ${v.page + 1}/${pages} 页，共 ${v.lines.length} 个${v.by}${rest > 0 ? `；另有 ${rest} 个${v.by}在后面，发送 \`${ask} 页=${v.page + 2}\` 查看` : ""}。`,
      ),
    );
  }
  const s = v.supervision;
  elements.push(
    hr(),
    md(
      `**挂牌督办情况**：本期挂牌 ${s.postings} 次；本期到期的督办时限 ${s.met + s.missed + s.running} 个，按期达到实质进展 ${s.met} 个，超时 ${s.missed} 个，尚未到期 ${s.running} 个。`,
    ),
    md(v.rule),
  );
  return card(v.title, v.praise ? "orange" : "blue", elements, v.periodLabel);
}
