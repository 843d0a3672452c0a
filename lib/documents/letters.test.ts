import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { documents, notifications } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import { extractPdfRuns, extractPdfText } from "@/lib/testing/pdf-text";
import { getDocument } from "./get-document";
import { a4, letterGeometry } from "./letter-pdf";
import { createLetterDocument } from "./letters";

const database = setUpTestDatabase();
setUpNotifySimulator();

const address = ["Ms Rosa Diaz", "Flat 1", "1 Mare Street", "London", "E8 1DY"];
const personalisation = {
  recipient_name: "Ms Diaz",
  property: "Flat 1, 1 Mare Street",
  visit_date: "1 December 2026",
  work: "service the boiler",
  summary: "Our engineer will need about an hour.",
};

async function newLetterNotification() {
  const [row] = await database.handle.db
    .insert(notifications)
    .values({ notificationType: "Letter", serviceKey: "housing" })
    .returning();
  return row!;
}

describe("createLetterDocument", () => {
  it("builds an A4 PDF from the Notify letter template, stores it and returns its uid", async () => {
    const notification = await newLetterNotification();
    const { documentId, pdf } = await createLetterDocument(database.handle.db, {
      notificationId: notification.id,
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.visitDue,
      addressLines: address,
      personalisation,
    });

    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getPageCount()).toBe(1);
    const { width, height } = loaded.getPage(0).getSize();
    expect(width).toBeCloseTo(a4.width, 1);
    expect(height).toBeCloseTo(a4.height, 1);
    expect(width).toBeCloseTo(595.28, 1);

    const [firstPage] = await extractPdfText(pdf);
    expect(firstPage!.slice(0, address.length)).toEqual(address);
    expect(firstPage).toContain("We will visit Flat 1, 1 Mare Street on 1 December 2026");
    expect(firstPage!.join(" ")).toContain("Dear Ms Diaz,");
    expect(firstPage!.join(" ")).toContain("Housing Services");

    const stored = await getDocument(database.handle.db, documentId);
    expect(stored).toMatchObject({
      notificationId: notification.id,
      contentType: "application/pdf",
      byteSize: pdf.byteLength,
    });
    expect(Buffer.compare(stored!.content, pdf)).toBe(0);
  });

  it("embeds every font it uses, as Notify requires of precompiled letters", async () => {
    const notification = await newLetterNotification();
    const { pdf } = await createLetterDocument(database.handle.db, {
      notificationId: notification.id,
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.noAccess,
      addressLines: address,
      personalisation,
    });
    const loaded = await PDFDocument.load(pdf);
    const fonts = loaded.getPage(0).node.Resources()!.lookup(PDFName.of("Font"), PDFDict);
    expect(fonts.entries().length).toBeGreaterThan(0);
    for (const [, ref] of fonts.entries()) {
      const font = loaded.context.lookup(ref, PDFDict);
      const descendant = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      const descriptor = descendant.lookup(PDFName.of("FontDescriptor"), PDFDict);
      expect(descriptor.has(PDFName.of("FontFile2"))).toBe(true);
    }
  });

  it("places the address inside Notify's address window and keeps everything inside the printable margins", async () => {
    const notification = await newLetterNotification();
    const sevenLines = ["Ms Rosa Diaz", "Flat 1", "Mare House", "1 Mare Street", "Hackney", "London", "E8 1DY"];
    const long = "The repair team will replace the communal door entry system. ".repeat(120);
    const { pdf } = await createLetterDocument(database.handle.db, {
      notificationId: notification.id,
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.visitDue,
      addressLines: sevenLines,
      personalisation: { ...personalisation, summary: long },
    });
    const pages = await extractPdfRuns(pdf);
    const millimetres = (points: number) => (points * 25.4) / 72;
    const window = letterGeometry.addressBlock;
    const addressRuns = pages[0]!.slice(0, 7);
    expect(addressRuns.map((run) => run.text)).toEqual(sevenLines);
    for (const run of addressRuns) {
      const left = millimetres(run.x);
      const top = 297 - millimetres(run.y + run.size);
      const bottom = 297 - millimetres(run.y);
      expect(left).toBeGreaterThanOrEqual(window.left);
      expect(top).toBeGreaterThanOrEqual(window.top);
      expect(bottom).toBeLessThanOrEqual(window.top + window.height);
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)!.map((run) => run.text)).toContain(`Page ${pages.length} of ${pages.length}`);
    for (const run of pages.flat()) {
      expect(millimetres(run.x)).toBeGreaterThanOrEqual(letterGeometry.sideMargin);
      expect(millimetres(run.y)).toBeGreaterThanOrEqual(letterGeometry.bottomMargin);
      expect(297 - millimetres(run.y + run.size)).toBeGreaterThanOrEqual(letterGeometry.topMargin);
    }
  });

  it("refuses a template that is not a letter and stores nothing", async () => {
    const notification = await newLetterNotification();
    const before = await database.handle.db.select().from(documents);
    await expect(
      createLetterDocument(database.handle.db, {
        notificationId: notification.id,
        serviceKey: "housing",
        templateId: notifyTemplateIds.email.visitDue!,
        addressLines: address,
        personalisation: { ...personalisation, title: "t", action_url: "https://example.com", urgent: "no" },
      }),
    ).rejects.toThrow(/not a letter/);
    expect(await database.handle.db.select().from(documents)).toHaveLength(before.length);
  });
});
