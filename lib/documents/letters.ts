import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { documents } from "@/db/schema";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { renderLetterPdf } from "./letter-pdf";

export type CreateLetterDocumentInput = {
  notificationId: string;
  serviceKey: string;
  templateId: string;
  addressLines: string[];
  personalisation: Record<string, string | number | boolean>;
};

/** Notify fills `((address_line_N))` from these keys; the last line is the postcode. */
export function addressPersonalisation(addressLines: string[]): Record<string, string> {
  return Object.fromEntries(addressLines.slice(0, 7).map((line, index) => [`address_line_${index + 1}`, line]));
}

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/**
 * Builds a letter's PDF from its Notify letter template (filled in by Notify's own preview, so
 * the words are exactly what Notify would print), stores it in the documents table and returns
 * its uid with the bytes, ready to send as a precompiled letter.
 */
export async function createLetterDocument(
  db: Database,
  input: CreateLetterDocumentInput,
): Promise<{ documentId: string; pdf: Buffer }> {
  const client = await notifyClientFor(input.serviceKey);
  const personalisation = { ...input.personalisation, ...addressPersonalisation(input.addressLines) };
  const [template, preview] = await Promise.all([
    client.getTemplateById(input.templateId),
    client.previewTemplate(input.templateId, personalisation),
  ]);
  if (template.type !== "letter")
    throw new Error(`Template ${input.templateId} is a ${template.type} template, not a letter`);
  const pdf = await renderLetterPdf({
    addressLines: input.addressLines,
    contactBlock: template.letter_contact_block,
    date: longDate.format(new Date()),
    subject: preview.subject ?? template.name,
    body: preview.body,
    title: preview.subject ?? template.name,
  });
  const [stored] = await db
    .insert(documents)
    .values({
      notificationId: input.notificationId,
      contentType: "application/pdf",
      filename: `letter-${input.notificationId}.pdf`,
      content: pdf,
      byteSize: pdf.byteLength,
      sha256: createHash("sha256").update(pdf).digest("hex"),
    })
    .returning({ uid: documents.uid });
  if (!stored) throw new Error("insert returned no document");
  return { documentId: stored.uid, pdf };
}
