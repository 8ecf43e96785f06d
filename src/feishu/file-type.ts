// Feishu's file_type for an upload (im/v1/files), from the file's name: a workbook is `xls`, whatever its extension.
// Follows open.feishu.cn im-v1/file/create: opus, mp4, pdf, doc, xls, ppt, or stream for anything else; at most
// 30 MB, never empty.

export const FILE_TYPES = ["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** Feishu refuses a file over 30 MB (and an empty one). */
export const FILE_MAX_BYTES = 30 * 1024 * 1024;

const BY_EXTENSION: Record<string, FileType> = {
  opus: "opus",
  mp4: "mp4",
  pdf: "pdf",
  doc: "doc",
  docx: "doc",
  xls: "xls",
  xlsx: "xls",
  csv: "xls",
  ppt: "ppt",
  pptx: "ppt",
};

export function fileTypeOf(fileName: string): FileType {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return BY_EXTENSION[extension] ?? "stream";
}

/** Why Feishu would refuse these bytes as a file, or null when it would take them. */
export function fileProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return "the file is empty";
  if (bytes.length > FILE_MAX_BYTES) return `the file is ${bytes.length} bytes, over Feishu's 30 MB`;
  return null;
}
