import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/request";
import { refuseUnstorableInput } from "@/lib/api/storable-input";
import { previewRuleBodySchema, type PreviewRuleBody } from "./preview-schema";

// The preview page's "Sample event" box: JSON text in the query string, read into the same body
// POST /api/v1/rules/{id}/preview takes, by the same schema and the same checks on stored text, so
// the page and the API accept and refuse exactly the same events.

export const sampleEventFieldId = "sample-event";

/** What the box holds: the body to preview with, or the one message the field shows. */
export type SampleEventReading = { body: PreviewRuleBody; problem: null } | { body: null; problem: string };

export function readSampleEvent(text: string | undefined): SampleEventReading {
  if (!text?.trim()) return { body: {}, problem: null };
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    return { body: null, problem: `The sample event is not valid JSON: ${(error as Error).message}` };
  }
  try {
    refuseUnstorableInput(event);
    return { body: parseWith(previewRuleBodySchema, { event }), problem: null };
  } catch (error) {
    const problem = sampleEventProblem(error);
    if (problem === null) throw error;
    return { body: null, problem };
  }
}

/**
 * A refusal of the event (400) as one sentence for the field, each error led by the event field it
 * is about ("id: Invalid UUID"); null for any other failure, which the caller lets through.
 */
export function sampleEventProblem(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "bad_request") return null;
  const messages = (error.errors ?? []).map(({ path, message }) => {
    const field = path.replace(/^event\.?/, "");
    return field ? `${field}: ${message}` : message;
  });
  return `The sample event is not valid: ${messages.length > 0 ? messages.join("; ") : error.message}`;
}
