// Reads the first worksheet of an .xlsx into rows of cell texts with exceljs. Merged cells read as their
// master cell (a 责任单位 merged down a column fills every row); numbers, dates, rich text and formula
// results become the text a person sees.
import ExcelJS from "exceljs";
import type { SheetResult, SheetRow } from "./sheet";

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === "object" && !(result instanceof Date))
      ? ""
      : cellText(result);
  }
  if ("text" in value) return String(value.text);
  if ("error" in value) return "";
  return "";
}

export async function readXlsx(bytes: Buffer): Promise<SheetResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); Node's Buffer is what it reads at run time.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return {
      ok: false,
      error: "这个 .xlsx 文件打不开（可能已损坏或加了密码），请在 Excel 里重新保存后再发。",
    };
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { ok: false, error: "这个 .xlsx 文件里没有任何数据。" };
  const rows: SheetRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
    rows.push({ number, cells });
  });
  return { ok: true, rows };
}
