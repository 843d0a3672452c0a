import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";

// A letter laid out for GOV.UK Notify's precompiled-letter checks: A4 portrait, every font
// embedded (DejaVu Sans, subset), nothing in the top-left area Notify prints its own tag on, the
// address inside Notify's address window, and all content inside the printable margins.

const millimetre = 72 / 25.4;
export const a4 = { width: 210 * millimetre, height: 297 * millimetre };

/**
 * Positions in millimetres from the top-left corner of the page, as Notify's precompiled-letter
 * checks use them (notifications-template-preview, app/precompiled.py: borders 15 mm at the sides
 * and 5 mm top and bottom, body from 95 mm, sender's address from 125 mm). Its address window has
 * been 24.6–120 mm across and 39.5–66.3 mm or 40–66.2 mm down; this is the area inside both.
 */
export const letterGeometry = {
  sideMargin: 15,
  topMargin: 5,
  bottomMargin: 5,
  addressBlock: { left: 24.6, top: 40, width: 95.4, height: 26.2 },
  contactBlock: { left: 125, top: 20, width: 70 },
  bodyTop: 95,
  continuationTop: 20,
} as const;

export type LetterContent = {
  addressLines: string[];
  contactBlock: string | null;
  date: string;
  subject: string;
  /** The filled template body: paragraphs split by blank lines, `# ` headings and `* ` bullets as Notify's letter markdown. */
  body: string;
  title: string;
};

const fontDirectory = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
let fontBytes: Promise<[Buffer, Buffer]> | undefined;

function loadFonts(): Promise<[Buffer, Buffer]> {
  fontBytes ??= Promise.all([
    readFile(path.join(fontDirectory, "DejaVuSans.ttf")),
    readFile(path.join(fontDirectory, "DejaVuSans-Bold.ttf")),
  ]);
  return fontBytes;
}

const fromTop = (millimetres: number) => a4.height - millimetres * millimetre;
const fromLeft = (millimetres: number) => millimetres * millimetre;
const ink = rgb(0, 0, 0);

/** Splits text into lines no wider than `width` points, breaking long words as a last resort. */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut -= 1;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines;
}

type Block = { kind: "heading" | "paragraph" | "bullet"; text: string };

function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  for (const paragraph of body.replaceAll("\r\n", "\n").split(/\n{2,}/)) {
    const lines = paragraph
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    let prose: string[] = [];
    const flush = () => {
      if (prose.length > 0) blocks.push({ kind: "paragraph", text: prose.join(" ") });
      prose = [];
    };
    for (const line of lines) {
      if (/^#\s+/.test(line)) {
        flush();
        blocks.push({ kind: "heading", text: line.replace(/^#\s+/, "") });
      } else if (/^[*•-]\s+/.test(line)) {
        flush();
        blocks.push({ kind: "bullet", text: line.replace(/^[*•-]\s+/, "") });
      } else prose.push(line);
    }
    flush();
  }
  return blocks;
}

/** Builds the letter PDF. Long letters flow onto more pages; each page is numbered. */
export async function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await document.embedFont(regularBytes, { subset: true });
  const bold = await document.embedFont(boldBytes, { subset: true });
  document.setTitle(content.title);
  document.setAuthor("Housing Services");
  document.setCreator("Notification Centre");
  document.setProducer("Notification Centre (pdf-lib)");

  const { addressBlock, contactBlock, sideMargin, bottomMargin } = letterGeometry;
  const first = document.addPage([a4.width, a4.height]);

  // The address: at most 7 lines, 1 mm inside the window and sized so they fit it whatever their count.
  const addressSize = content.addressLines.length > 5 ? 9 : 10;
  const addressInset = 1;
  const addressLeading = Math.min(
    12,
    ((addressBlock.height - 2 * addressInset) * millimetre - addressSize) /
      Math.max(content.addressLines.length - 1, 1),
  );
  const addressWidth = (addressBlock.width - 2 * addressInset) * millimetre;
  content.addressLines.forEach((line, index) => {
    const fitted = wrapText(line, regular, addressSize, addressWidth)[0] ?? "";
    first.drawText(fitted, {
      x: fromLeft(addressBlock.left + addressInset),
      y: fromTop(addressBlock.top + addressInset) - addressSize - index * addressLeading,
      size: addressSize,
      font: regular,
      color: ink,
    });
  });

  // The sender's contact block and the date, top right, clear of the address window.
  let contactY = fromTop(contactBlock.top) - 10;
  for (const line of [...(content.contactBlock ?? "").split("\n").filter((text) => text.trim()), "", content.date]) {
    for (const wrapped of wrapText(line, regular, 10, contactBlock.width * millimetre)) {
      first.drawText(wrapped, { x: fromLeft(contactBlock.left), y: contactY, size: 10, font: regular, color: ink });
      contactY -= 12;
    }
    if (!line) contactY -= 6;
  }

  const textWidth = a4.width - 2 * (sideMargin + 10) * millimetre;
  const left = fromLeft(sideMargin + 10);
  const floor = (bottomMargin + 15) * millimetre;
  const pages: PDFPage[] = [first];
  let page = first;
  let y = fromTop(letterGeometry.bodyTop);
  const write = (text: string, font: PDFFont, size: number, indent = 0, marker?: string) => {
    const lines = wrapText(text, font, size, textWidth - indent);
    lines.forEach((line, index) => {
      if (y - size < floor) {
        page = document.addPage([a4.width, a4.height]);
        pages.push(page);
        y = fromTop(letterGeometry.continuationTop);
      }
      if (marker && index === 0) page.drawText(marker, { x: left, y: y - size, size, font, color: ink });
      page.drawText(line, { x: left + indent, y: y - size, size, font, color: ink });
      y -= size * 1.4;
    });
    y -= size * 0.6;
  };

  write(content.subject, bold, 14);
  for (const block of blocksOf(content.body)) {
    if (block.kind === "heading") write(block.text, bold, 12);
    else if (block.kind === "bullet") write(block.text, regular, 11, 14, "•");
    else write(block.text, regular, 11);
  }

  pages.forEach((numbered, index) => {
    const label = `Page ${index + 1} of ${pages.length}`;
    const size = 9;
    numbered.drawText(label, {
      x: a4.width - fromLeft(sideMargin + 10) - regular.widthOfTextAtSize(label, size),
      y: floor - 12,
      size,
      font: regular,
      color: ink,
    });
  });
  return Buffer.from(await document.save());
}
