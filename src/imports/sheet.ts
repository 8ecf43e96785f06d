// A spreadsheet as rows of cell texts, whatever file it came in (.xlsx or .csv): what importers read.
import { parseCsv } from "./csv";
import { readXlsx } from "./xlsx";

export interface SheetRow {
  /** the row's number as the sheet shows it (1-based), for messages such as 第 5 行 */
  number: number;
  cells: string[];
}

export type SheetResult = { ok: true; rows: SheetRow[] } | { ok: false; error: string };

export const SHEET_KINDS_HINT = "请发送 .xlsx（Excel 工作簿）或 .csv（UTF-8 编码）文件";

/** Reads a file by its extension; an unsupported kind or an unreadable file answers with a reason. */
export async function readSheet(fileName: string, bytes: Buffer): Promise<SheetResult> {
  const extension = /\.([^.]+)$/.exec(fileName.trim().toLowerCase())?.[1] ?? "";
  if (extension === "xlsx") return readXlsx(bytes);
  if (extension === "csv") return parseCsv(bytes);
  if (extension === "xls" || extension === "et" || extension === "wps")
    return { ok: false, error: `「${fileName}」是旧版表格格式，请在 Excel/WPS 里另存为 .xlsx 后再发。` };
  return { ok: false, error: `「${fileName}」不是表格文件。${SHEET_KINDS_HINT}` };
}
