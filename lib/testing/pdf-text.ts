import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFPage,
} from "pdf-lib";

// Reads the text back out of a PDF made with pdf-lib and embedded (Identity-H) fonts, using each
// font's ToUnicode map, so tests can check what a letter says. Only pdf-lib's own output is handled.

function streamText(stream: unknown): string {
  if (!(stream instanceof PDFRawStream)) return "";
  return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
}

function toUnicodeMap(document: PDFDocument, font: PDFDict): Map<string, string> {
  const map = new Map<string, string>();
  const cmap = streamText(document.context.lookup(font.get(PDFName.of("ToUnicode"))));
  for (const [, glyph, unicode] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
    const units = unicode!.match(/.{4}/g)!.map((hex) => parseInt(hex, 16));
    map.set(glyph!.toLowerCase(), String.fromCharCode(...units));
  }
  return map;
}

/** One drawn run of text: where it starts (points from the bottom-left corner) and its font size. */
export type TextRun = { text: string; x: number; y: number; size: number };

function pageRuns(document: PDFDocument, page: PDFPage): TextRun[] {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
  const maps = new Map<string, Map<string, string>>();
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = document.context.lookup(ref as PDFRef, PDFDict);
    maps.set(name.asString().slice(1), toUnicodeMap(document, font));
  }
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
  const runs: TextRun[] = [];
  let current = new Map<string, string>();
  let size = 0;
  let at = { x: 0, y: 0 };
  const operators = /\/(\S+)\s+([\d.]+)\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9a-fA-F]*)>\s*Tj/g;
  for (const content of streams.map(streamText)) {
    for (const [, fontName, fontSize, x, y, hex] of content.matchAll(operators)) {
      if (fontName) {
        current = maps.get(fontName) ?? new Map();
        size = Number(fontSize);
      } else if (x !== undefined) at = { x: Number(x), y: Number(y) };
      else {
        const text = (hex!.match(/.{4}/g) ?? []).map((glyph) => current.get(glyph.toLowerCase()) ?? "?").join("");
        runs.push({ text, ...at, size });
      }
    }
  }
  return runs;
}

/** Every drawn run of text with its position, page by page. */
export async function extractPdfRuns(pdf: Uint8Array): Promise<TextRun[][]> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => pageRuns(document, page));
}

/** Every drawn text run, page by page. */
export async function extractPdfText(pdf: Uint8Array): Promise<string[][]> {
  return (await extractPdfRuns(pdf)).map((runs) => runs.map((run) => run.text));
}
