// The look the township's printed forms share: 宋体 text, thin borders, wrapped cells, A4 with the header row
// repeated on every printed page. Used by the 附件3 and 附件4 writers.
import type ExcelJS from "exceljs";

export const FONT = "宋体";

export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** A4 (paperSize 9), fitted to the page's width, the given rows repeated at the top of every printed page. */
export function printSetup(
  sheet: ExcelJS.Worksheet,
  orientation: "landscape" | "portrait",
  titleRows?: string,
): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  if (titleRows) sheet.pageSetup.printTitlesRow = titleRows;
}

/** A title across `range`, large and bold, centred. */
export function titleRow(sheet: ExcelJS.Worksheet, range: string, text: string, height = 36): void {
  sheet.mergeCells(range);
  const cell = sheet.getCell(range.split(":")[0]!);
  cell.value = text;
  cell.font = { name: FONT, size: 16, bold: true };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  sheet.getRow(Number(cell.row)).height = height;
}

/** A bordered cell with wrapped text; `bold` for a header, `center` for short values. */
export function boxed(
  cell: ExcelJS.Cell,
  value: string | number,
  o: { bold?: boolean; center?: boolean } = {},
) {
  cell.value = value;
  cell.font = { name: FONT, size: 11, bold: o.bold ?? false };
  cell.border = THIN;
  cell.alignment = {
    vertical: "middle",
    horizontal: o.center ? "center" : "left",
    wrapText: true,
  };
}

/** The workbook's bytes, as Node's Buffer (exceljs declares its own buffer type). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
