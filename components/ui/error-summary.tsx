"use client";

import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

/** One problem to fix: the message shown beside the field, and the id of the control to fix it in. */
export type FieldProblem = { fieldId: string; message: string };

// One empty list for every render, so a summary about no field takes focus only when it appears.
const noFieldProblems: readonly FieldProblem[] = [];

/**
 * The GOV.UK error summary: "There is a problem" and a link to each failing field. It takes focus
 * when shown and whenever a new list arrives, so a screen reader says at once what went wrong;
 * keep the list in state (one per attempt) rather than rebuilding it on every render.
 */
export function ErrorSummary({
  errors = noFieldProblems,
  title = "There is a problem",
  className = "",
  children,
}: {
  errors?: readonly FieldProblem[];
  title?: string;
  className?: string;
  /** What went wrong that is not about one field, such as a sign-in refused or a save that failed. */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [errors]);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`border-4 border-danger p-4 focus:outline-3 focus:outline-offset-0 focus:outline-focus ${className}`}
    >
      <div role="alert">
        <h2 className="text-xl font-bold">{title}</h2>
        {children ? <div className="mt-2">{children}</div> : null}
        {errors.length > 0 ? (
          <ul className="mt-2 flex flex-col gap-1">
            {errors.map((error) => (
              <li key={`${error.fieldId} ${error.message}`}>
                <a
                  href={`#${error.fieldId}`}
                  onClick={(event) => focusField(event, error.fieldId)}
                  className="font-bold text-danger"
                >
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Following the link would scroll the control to the top edge, hiding the question it answers; like
 * GOV.UK Frontend, show its label (or its group's legend) and put focus in the control itself.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const control = document.getElementById(fieldId);
  if (!control) return;
  event.preventDefault();
  const question =
    control.closest("fieldset")?.querySelector("legend") ??
    document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ??
    control;
  question.scrollIntoView();
  control.focus({ preventScroll: true });
}
