// Reads an enterprise roster (附件2's shape or anything like it) from sheet rows: finds the header row under
// any title rows, maps the columns (each 联系电话 belongs to the person column left of it), and checks every
// row, reporting problems as 第 5 行「联系电话」：… with the sheet's own row numbers. Pure: no I/O.
import {
  checkEnterpriseText,
  type EnterpriseField,
  enterpriseRecord,
  FIELD_LABELS,
  type RawEnterprise,
} from "../domain/enterprise-fields";
import { closestNames, findByName, foldName } from "../domain/names";
import type { EnterpriseFields } from "../store/enterprises";
import type { SectorRow, UnitRow } from "../store/units";
import type { SheetRow } from "./sheet";

type ColumnKind = EnterpriseField | "serial" | "phone";

// Header words, compared folded (width, spaces, bracket style do not matter).
const HEADER_WORDS: [ColumnKind, string[]][] = [
  ["serial", ["序号", "编号"]],
  [
    "name",
    ["公司/企业名称", "公司（企业）名称", "企业名称", "公司名称", "名称", "企业", "企业（项目）", "单位名称"],
  ],
  ["unit", ["责任单位", "单位", "所属单位", "部门/村居"]],
  ["head", ["企业主要负责人", "主要负责人", "负责人", "法定代表人"]],
  ["liaison", ["挂点领导"]],
  ["cadre", ["责任干部"]],
  ["headPhone", ["主要负责人电话", "企业主要负责人电话", "负责人电话", "负责人联系电话"]],
  ["liaisonPhone", ["挂点领导电话", "挂点领导联系电话"]],
  ["cadrePhone", ["责任干部电话", "责任干部联系电话"]],
  ["phone", ["联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式"]],
  ["sector", ["领域", "行业领域", "所属行业领域", "所属领域", "行业"]],
  ["highRisk", ["高危", "是否高危", "高危企业"]],
];
const KIND_BY_HEADER = new Map(
  HEADER_WORDS.flatMap(([kind, words]) => words.map((w) => [foldName(w), kind])),
);
const PHONE_OF: Partial<Record<EnterpriseField, EnterpriseField>> = {
  head: "headPhone",
  liaison: "liaisonPhone",
  cadre: "cadrePhone",
};
const HEADER_SEARCH_ROWS = 20;
export const MAX_ROSTER_ROWS = 2000;

export interface RosterOptions {
  units: UnitRow[];
  sectors: SectorRow[];
  /** 领域 from the command (/企业 导入 领域=…), for rows and files without one */
  sectorId?: number | undefined;
  /** 高危 from the command, for rows and files without one */
  highRisk?: boolean | undefined;
}

export interface RosterRecord {
  row: number;
  fields: EnterpriseFields;
}

export type RosterResult = { ok: true; records: RosterRecord[] } | { ok: false; problems: string[] };

interface Column {
  index: number;
  header: string;
}

const kindOf = (cell: string): ColumnKind | undefined => KIND_BY_HEADER.get(foldName(cell));

function findHeader(rows: SheetRow[]): number {
  return rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const kinds = row.cells.map(kindOf);
    return kinds.includes("name") && kinds.includes("unit");
  });
}

const at = (row: SheetRow, problemHeader: string, message: string) =>
  `第 ${row.number} 行「${problemHeader}」：${message}`;

/** Which column holds which field; each 联系电话 goes to the nearest person column on its left. */
function mapColumns(header: SheetRow, problems: string[]): Map<EnterpriseField, Column> {
  const columns = new Map<EnterpriseField, Column>();
  let lastMapped: EnterpriseField | undefined;
  header.cells.forEach((cell, index) => {
    const kind = kindOf(cell);
    if (kind === undefined || kind === "serial") return;
    const headerText = cell.trim();
    let field: EnterpriseField;
    if (kind === "phone") {
      const owner = lastMapped === undefined ? undefined : PHONE_OF[lastMapped];
      if (owner === undefined || columns.has(owner)) {
        problems.push(
          at(
            header,
            headerText,
            "这一列的左边不是人名列（企业主要负责人、挂点领导或责任干部），不知道是谁的电话",
          ),
        );
        return;
      }
      field = owner;
    } else field = kind;
    const taken = columns.get(field);
    if (taken) {
      problems.push(at(header, headerText, `表头里「${FIELD_LABELS[field]}」出现了两次`));
      return;
    }
    columns.set(field, { index, header: headerText });
    lastMapped = field;
  });
  if (!columns.has("head")) problems.push(at(header, "表头", "缺少「企业主要负责人」列"));
  return columns;
}

function rawOf(row: SheetRow, columns: Map<EnterpriseField, Column>): RawEnterprise {
  const raw: RawEnterprise = {};
  for (const [field, column] of columns) raw[field] = row.cells[column.index] ?? "";
  return raw;
}

/** A row to pass over: nothing filled, or one text merged across the row (a title or a footnote). */
function isFiller(raw: RawEnterprise): boolean {
  const filled = Object.values(raw)
    .map((v) => (v ?? "").trim())
    .filter((v) => v !== "");
  return filled.length === 0 || (filled.length >= 3 && filled.every((v) => v === filled[0]));
}

function unknownName(kind: string, input: string, entries: { name: string; aliases: string[] }[]): string {
  const close = closestNames(input, entries);
  return close.length > 0
    ? `没有名为「${input}」的${kind}，你是不是要找：${close.join("、")}？`
    : `没有名为「${input}」的${kind}${kind === "单位" ? "，可先用 /单位 新增 添加" : ""}`;
}

function checkRow(
  row: SheetRow,
  columns: Map<EnterpriseField, Column>,
  options: RosterOptions,
  problems: string[],
): EnterpriseFields | null {
  const raw = rawOf(row, columns);
  if (isFiller(raw)) return null;
  const before = problems.length;
  const headerOf = (field: EnterpriseField) => columns.get(field)?.header ?? FIELD_LABELS[field];
  const checked = checkEnterpriseText(raw);
  if (!checked.ok) for (const p of checked.problems) problems.push(at(row, headerOf(p.field), p.message));

  const unitText = (raw.unit ?? "").trim();
  const unit = unitText === "" ? undefined : findByName(unitText, options.units);
  if (unitText === "") problems.push(at(row, headerOf("unit"), "缺少责任单位"));
  else if (!unit) problems.push(at(row, headerOf("unit"), unknownName("单位", unitText, options.units)));

  const sectorText = (raw.sector ?? "").trim();
  let sectorId = options.sectorId;
  if (sectorText !== "") {
    const sector = findByName(sectorText, options.sectors);
    if (sector) sectorId = sector.id;
    else problems.push(at(row, headerOf("sector"), unknownName("行业领域", sectorText, options.sectors)));
  } else if (sectorId === undefined) {
    problems.push(at(row, headerOf("sector"), "没有填写领域，命令里也没有写 领域=…"));
  }
  if (problems.length > before || !checked.ok || !unit || sectorId === undefined) return null;
  return enterpriseRecord(checked.value, unit.id, sectorId, options.highRisk ?? false);
}

export function readRoster(rows: SheetRow[], options: RosterOptions): RosterResult {
  const headerAt = findHeader(rows);
  if (headerAt === -1) {
    return {
      ok: false,
      problems: [
        "找不到表头：表格前 20 行里应有一行同时写着「公司/企业名称」（或「企业名称」）和「责任单位」，像附件2那样。",
      ],
    };
  }
  const header = rows[headerAt]!;
  const problems: string[] = [];
  const columns = mapColumns(header, problems);
  if (problems.length > 0) return { ok: false, problems };
  if (!columns.has("sector") && options.sectorId === undefined) {
    return {
      ok: false,
      problems: [
        "文件里没有「领域」列，命令里也没有写 领域=…：请发送 /企业 导入 领域=烟花爆竹（写实际的领域）后再发文件。",
      ],
    };
  }
  const body = rows.slice(headerAt + 1);
  if (body.length > MAX_ROSTER_ROWS) {
    return {
      ok: false,
      problems: [`一次最多导入 ${MAX_ROSTER_ROWS} 行，这个文件有 ${body.length} 行，请分成几个文件。`],
    };
  }
  const records: RosterRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of body) {
    const fields = checkRow(row, columns, options, problems);
    if (!fields) continue;
    const key = foldName(fields.name);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.push(at(row, columns.get("name")!.header, `「${fields.name}」与第 ${first} 行是同一家企业`));
      continue;
    }
    firstRowOf.set(key, row.number);
    records.push({ row: row.number, fields });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (records.length === 0) return { ok: false, problems: ["表头下面没有任何企业。"] };
  return { ok: true, records };
}
