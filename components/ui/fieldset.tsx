import type { ReactNode } from "react";
import { errorId, FieldError, groupClasses } from "./field-error";

/**
 * A group of checkboxes or radios answering one question, in the GOV.UK shape: the legend asks it,
 * the error message (if any) follows, and the fieldset points to the message so it is read out.
 * `id` names the group's error; give the first option the id an error summary links to.
 */
export function Fieldset({
  id,
  legend,
  error,
  children,
  legendHidden = false,
}: {
  id: string;
  legend: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  /** Read out but not shown, where a table's headers already say it to sighted people. */
  legendHidden?: boolean;
}) {
  return (
    <fieldset aria-describedby={error ? errorId(id) : undefined} className={groupClasses(error) || undefined}>
      <legend className={legendHidden ? "sr-only" : "mb-2 text-lg font-bold"}>{legend}</legend>
      {error ? <FieldError fieldId={id}>{error}</FieldError> : null}
      {children}
    </fieldset>
  );
}
