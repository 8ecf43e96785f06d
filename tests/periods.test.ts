// Periods in Asia/Shanghai: weeks Monday–Sunday, months, quarters, years; their keys, words, and their part
// inside 专项开始/专项结束. Boundaries at local midnight, not UTC's.
import { describe, expect, it } from "vitest";
import { campaignSpan, parsePeriod, periodLabel, periodOf, previousPeriod } from "../src/domain/periods";
import { dateIn, zonedMoment } from "../src/domain/time";

const TZ = "Asia/Shanghai";
const local = (text: string) => dateIn(Date.parse(text), TZ);

describe("periodOf", () => {
  it("the week of 2023-01-01, a Sunday, is Monday 2022-12-26 to that Sunday", () => {
    expect(periodOf("week", "2023-01-01")).toEqual({
      kind: "week",
      key: "2022-W52",
      start: "2022-12-26",
      end: "2023-01-01",
    });
    expect(periodOf("week", "2023-01-02")).toMatchObject({ key: "2023-W01", start: "2023-01-02" });
    expect(periodOf("week", "2026-12-31")).toMatchObject({ key: "2026-W53", start: "2026-12-28" });
  });

  it("months, quarters and years", () => {
    expect(periodOf("month", "2024-02-10")).toMatchObject({
      key: "2024-02",
      start: "2024-02-01",
      end: "2024-02-29",
    });
    expect(periodOf("quarter", "2023-09-30")).toMatchObject({
      key: "2023Q3",
      start: "2023-07-01",
      end: "2023-09-30",
    });
    expect(periodOf("year", "2023-05-01")).toMatchObject({
      key: "2023",
      start: "2023-01-01",
      end: "2023-12-31",
    });
    expect(previousPeriod(periodOf("quarter", "2024-01-01")).key).toBe("2023Q4");
    expect(previousPeriod(periodOf("month", "2023-03-01")).end).toBe("2023-02-28");
  });

  it("23:59 in Shanghai on a quarter's last day is still that quarter; 00:00 is the next", () => {
    expect(periodOf("quarter", local("2023-09-30T23:59:00+08:00")).key).toBe("2023Q3");
    expect(periodOf("quarter", local("2023-10-01T00:00:00+08:00")).key).toBe("2023Q4");
    // 2023-09-30T16:30Z is already October 1st in Shanghai
    expect(periodOf("quarter", local("2023-09-30T16:30:00Z")).key).toBe("2023Q4");
    expect(periodOf("week", local("2023-01-01T23:59:00+08:00")).key).toBe("2022-W52");
    expect(periodOf("week", local("2023-01-01T16:00:00Z")).key).toBe("2023-W01");
  });

  it("a local date and time is the moment it names in the zone", () => {
    expect(zonedMoment("2023-07-03", "09:00", TZ)).toBe(Date.parse("2023-07-03T09:00:00+08:00"));
    expect(zonedMoment("2023-12-31", "23:59", TZ)).toBe(Date.parse("2023-12-31T23:59:00+08:00"));
    expect(zonedMoment("2023-07-03", "09:00", "UTC")).toBe(Date.parse("2023-07-03T09:00:00Z"));
  });
});

describe("periodLabel", () => {
  it("says the period in words", () => {
    expect(periodLabel(periodOf("week", "2023-06-28"))).toBe("2023年第26周（6月26日–7月2日）");
    expect(periodLabel(periodOf("month", "2023-06-28"))).toBe("2023年6月");
    expect(periodLabel(periodOf("quarter", "2023-06-28"))).toBe("2023年第二季度");
    expect(periodLabel(periodOf("year", "2023-06-28"))).toBe("2023年");
  });
});

describe("parsePeriod", () => {
  const today = "2023-08-15";
  it.each([
    ["本周", "2023-W33"],
    ["本月", "2023-08"],
    ["本季", "2023Q3"],
    ["本年", "2023"],
    ["2023Q3", "2023Q3"],
    ["2023q2", "2023Q2"],
    ["2023-06", "2023-06"],
    ["2023-6", "2023-06"],
    ["2023年6月", "2023-06"],
    ["2023", "2023"],
    ["２０２３Ｑ３", "2023Q3"],
  ])("%s → %s", (text, key) => {
    const r = parsePeriod(text, today);
    expect(r.ok && r.period.key).toBe(key);
  });

  it.each([
    ["下周", "看不懂时段「下周」。可写：本周、本月、本季、本年，或 2023Q3、2023-06、2023"],
    ["2023Q5", "看不懂时段「2023Q5」。可写：本周、本月、本季、本年，或 2023Q3、2023-06、2023"],
    ["2023-13", "看不懂时段「2023-13」。可写：本周、本月、本季、本年，或 2023Q3、2023-06、2023"],
    ["1999", "看不懂时段「1999」。可写：本周、本月、本季、本年，或 2023Q3、2023-06、2023"],
  ])("%s is refused", (text, error) => {
    expect(parsePeriod(text, today)).toEqual({ ok: false, error });
  });
});

describe("campaignSpan", () => {
  it("Q2 of 2023 is cut by 专项开始 2023-05-01: 不完整", () => {
    expect(campaignSpan(periodOf("quarter", "2023-04-01"), "2023-05-01", null)).toEqual({
      from: "2023-05-01",
      to: "2023-06-30",
      incomplete: true,
    });
  });
  it("a whole period inside the campaign is complete; one outside it has no span", () => {
    expect(campaignSpan(periodOf("quarter", "2023-07-01"), "2023-05-01", null)?.incomplete).toBe(false);
    expect(campaignSpan(periodOf("month", "2023-03-01"), "2023-05-01", null)).toBeNull();
    expect(campaignSpan(periodOf("year", "2023-03-01"), "2023-05-01", "2023-11-30")).toEqual({
      from: "2023-05-01",
      to: "2023-11-30",
      incomplete: true,
    });
    expect(campaignSpan(periodOf("month", "2024-01-01"), "2023-05-01", "2023-11-30")).toBeNull();
  });
});
