// The looking-back 发现日期 and the 发现= periods of the ledger filter, as pure rules.
import { describe, expect, it } from "vitest";
import { parsePastDate } from "../src/domain/dates";
import { parseFoundPeriod } from "../src/domain/found-period";

describe("parsePastDate", () => {
  const today = "2023-07-01";
  it.each([
    ["2023-06-30", "2023-06-30"],
    ["2023-07-01", "2023-07-01"],
    ["7月1日", "2023-07-01"],
    ["6月20日", "2023-06-20"],
    ["7月2日", "2022-07-02"],
    ["12月31日", "2022-12-31"],
    ["2022年12月31日", "2022-12-31"],
  ])("%s → %s", (text, date) => {
    expect(parsePastDate(text, today)).toEqual({ ok: true, date });
  });

  it("refuses a full date after today, and what parseDate refuses", () => {
    expect(parsePastDate("2023-07-02", today)).toEqual({
      ok: false,
      error: "2023-07-02 在今天（2023-07-01）之后：发现日期不能是将来的日子",
    });
    expect(parsePastDate("2024年1月1日", today).ok).toBe(false);
    expect(parsePastDate("2月30日", today).ok).toBe(false);
  });

  it("reads 2月29日 as the last leap day on or before today", () => {
    expect(parsePastDate("2月29日", "2024-03-01")).toEqual({ ok: true, date: "2024-02-29" });
    // The latest 2月29日 on or before 2024-02-28 is four years back.
    expect(parsePastDate("2月29日", "2024-02-28")).toEqual({ ok: true, date: "2020-02-29" });
  });
});

describe("parseFoundPeriod", () => {
  it.each([
    ["2023", "2023-01-01", "2023-12-31", "2023"],
    ["2023Q1", "2023-01-01", "2023-03-31", "2023Q1"],
    ["2023q3", "2023-07-01", "2023-09-30", "2023Q3"],
    ["2023Q4", "2023-10-01", "2023-12-31", "2023Q4"],
    ["2023-06", "2023-06-01", "2023-06-30", "2023-06"],
    ["2024-2", "2024-02-01", "2024-02-29", "2024-02"],
    ["2023/02", "2023-02-01", "2023-02-28", "2023-02"],
    ["2023年11月", "2023-11-01", "2023-11-30", "2023-11"],
    ["２０２３Ｑ２", "2023-04-01", "2023-06-30", "2023Q2"],
  ])("%s is %s … %s", (text, from, to, label) => {
    expect(parseFoundPeriod(text)).toEqual({ ok: true, period: { from, to, label } });
  });

  it.each(["2023-13", "2023Q5", "23", "1999", "上月", "2023-06-01", ""])("refuses %j", (text) => {
    expect(parseFoundPeriod(text).ok).toBe(false);
  });
});
