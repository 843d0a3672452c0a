import type { ReactNode } from "react";
import { errorId, FieldError, groupClasses, hintId } from "./field-error";

/** What a control needs from its field: its id, the ids of its hint and error, and its look. */
export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  className: string;
};

/** The border and padding every control shares; red where the answer has a problem. */
export const controlClasses = (invalid = false) =>
  `w-full min-w-0 border-2 bg-white p-2 ${invalid ? "border-danger" : "border-ink"}`;

/**
 * One question in the GOV.UK form group's shape: label, optional hint, optional error message,
 * then the control, which `children` renders with the props that tie it to the rest.
 */
export function Field({
  id,
  label,
  hint,
  error,
  large = false,
  className = "",
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** A larger label, for the main question on a page or in a dialog. */
  large?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const describedBy = [hint ? hintId(id) : "", error ? errorId(id) : ""].filter(Boolean).join(" ");
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${groupClasses(error)} ${className}`}>
      <label htmlFor={id} className={large ? "text-lg font-bold" : "font-bold"}>
        {label}
      </label>
      {hint ? (
        <p id={hintId(id)} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? <FieldError fieldId={id}>{error}</FieldError> : null}
      {children({
        id,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": error ? true : undefined,
        className: controlClasses(Boolean(error)),
      })}
    </div>
  );
}
