import { ApiError } from "@/lib/api/errors";
import type { FieldProblem } from "./error-summary";

/** What a failed submission tells the person: sentences for the summary, and problems on fields. */
export type FormProblems = { notes: string[]; errors: FieldProblem[] };

/**
 * Turns a failed request into what the error summary and the fields show. `fieldIdFor` places an
 * API field error (`path`, e.g. `mobileNumber`) on the control that fixes it; one the form cannot
 * place is kept as a sentence, so nothing the server said is lost. A field shows its first error.
 */
export function problemsFromFailure(
  error: unknown,
  fieldIdFor: (path: string) => string | undefined,
  fallback: string,
): FormProblems {
  const apiError = error instanceof ApiError ? error : undefined;
  const notes = [apiError?.message ?? fallback];
  const errors: FieldProblem[] = [];
  for (const { path, message } of apiError?.errors ?? []) {
    const fieldId = fieldIdFor(path);
    if (!fieldId) notes.push(message);
    else if (!errors.some((placed) => placed.fieldId === fieldId)) errors.push({ fieldId, message });
  }
  return { notes, errors };
}

/** Each field's message, by control id, for the message shown beside it. */
export const messagesByField = (problems: FormProblems | null): Record<string, string> =>
  Object.fromEntries((problems?.errors ?? []).map((problem) => [problem.fieldId, problem.message]));

/**
 * For a server action: a save the contract refused (a 400 or 409) as the problems its form shows,
 * or null for any other failure, which the action lets through. When every message has its field,
 * the summary's links say what to fix, and the API's "check name, email" sentence is left out.
 */
export function problemsFromRefusal(
  error: unknown,
  fieldIdFor: (path: string) => string | undefined,
): FormProblems | null {
  if (!(error instanceof ApiError) || (error.code !== "bad_request" && error.code !== "conflict")) return null;
  const { notes, errors } = problemsFromFailure(error, fieldIdFor, error.message);
  return { notes: errors.length > 0 ? notes.slice(1) : notes, errors };
}
