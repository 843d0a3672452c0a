import type { ReactNode } from "react";

/** The ids that tie a field's hint and error message to its control. */
export const hintId = (fieldId: string) => `${fieldId}-hint`;
export const errorId = (fieldId: string) => `${fieldId}-error`;

/** A red bar beside a question that has an error, as GOV.UK marks a form group in error. */
export const groupClasses = (error: ReactNode) => (error ? "border-l-4 border-danger pl-3" : "");

/**
 * The GOV.UK error message, between a field's label and its control. The hidden "Error:" tells a
 * screen reader user this is a problem, not a hint; the same words appear in the error summary.
 */
export function FieldError({ fieldId, children }: { fieldId: string; children: ReactNode }) {
  return (
    <p id={errorId(fieldId)} className="font-bold text-danger">
      <span className="sr-only">Error:</span> {children}
    </p>
  );
}
