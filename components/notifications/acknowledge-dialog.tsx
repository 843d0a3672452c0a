"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { ApiError } from "@/lib/api/errors";
import type { NotificationResponse } from "@/lib/notifications/schemas";
import { useAcknowledgeMutation } from "./queries/use-acknowledge-mutation";

export type AcknowledgeDraft = { actionType?: AcknowledgeAction; note: string };
type AcknowledgeAction = "Approved" | "Rejected" | "Validate" | "Initiated";

const choices: Array<{ value: AcknowledgeAction; label: string; hint: string }> = [
  { value: "Approved", label: "Approve", hint: "A note is required" },
  { value: "Rejected", label: "Reject", hint: "A note is required" },
  { value: "Validate", label: "Validate", hint: "Confirm the details are right" },
  { value: "Initiated", label: "Initiated", hint: "You have started the work" },
];
const needsNote = (action?: AcknowledgeAction) => action === "Approved" || action === "Rejected";

/**
 * "Acknowledge with audit": records what the person did, with a note, as an audit row. A modal
 * that is hard to lose: a click outside does nothing, Escape is refused while a note is typed, and
 * the draft lives with the caller so even a forced close keeps it. It closes only on success.
 */
export function AcknowledgeDialog({
  item,
  draft,
  onDraftChange,
  onClose,
}: {
  item: NotificationResponse;
  draft: AcknowledgeDraft;
  onDraftChange: (draft: AcknowledgeDraft) => void;
  onClose: (outcome: "recorded" | "cancelled") => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), message: useId(), note: useId(), error: useId() };
  const mutation = useAcknowledgeMutation(item.id);
  const [problem, setProblem] = useState<{ summary: string; fields: Record<string, string> } | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    const returnFocusTo = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      returnFocusTo?.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!draft.actionType) fields.actionType = "Choose what you did";
    if (needsNote(draft.actionType) && !draft.note.trim()) fields.actionNote = "Add a note saying why";
    if (Object.keys(fields).length > 0) {
      setProblem({ summary: "There is a problem", fields });
      return;
    }
    try {
      await mutation.mutateAsync({ actionType: draft.actionType!, actionNote: draft.note.trim() || undefined });
      onClose("recorded");
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      setProblem({
        summary: apiError?.message ?? "The action could not be recorded. Try again.",
        fields: Object.fromEntries((apiError?.errors ?? []).map((fieldError) => [fieldError.path, fieldError.message])),
      });
    }
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={ids.title}
      aria-describedby={ids.message}
      className="m-auto w-[min(40rem,calc(100vw-1rem))] border-4 border-ink p-0 backdrop:bg-ink/60"
      onCancel={(event) => {
        // Escape: fine on an untouched form; refused once a note is typed, so it is not lost by accident.
        event.preventDefault();
        if (!draft.note.trim()) onClose("cancelled");
        else
          setProblem({
            summary: "Your note is kept. Record the action, or choose Cancel to leave it for later.",
            fields: {},
          });
      }}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6">
        <h2 id={ids.title} className="text-2xl font-bold">
          Record what you did
        </h2>
        <p id={ids.message} className="text-lg">
          {item.message ?? "This notification needs an action."}
        </p>
        {item.actionUrl ? (
          <p>
            <a href={item.actionUrl} className={buttonClasses("secondary")} target="_blank" rel="noreferrer">
              {item.actionLabel ?? "Open"} <span className="sr-only">(opens in a new tab)</span>
            </a>
          </p>
        ) : null}
        {problem ? (
          <div id={ids.error} role="alert" className="border-4 border-danger p-4">
            <p className="font-bold">{problem.summary}</p>
            {Object.values(problem.fields).length > 0 ? (
              <ul className="list-disc pl-6 text-danger">
                {Object.entries(problem.fields).map(([path, message]) => (
                  <li key={path}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <fieldset aria-describedby={problem?.fields.actionType ? ids.error : undefined}>
          <legend className="mb-2 text-lg font-bold">What did you do?</legend>
          <div className="flex flex-col gap-2">
            {choices.map((choice) => (
              <label key={choice.value} className="flex items-start gap-3">
                <input
                  type="radio"
                  name="actionType"
                  value={choice.value}
                  checked={draft.actionType === choice.value}
                  onChange={() => onDraftChange({ ...draft, actionType: choice.value })}
                  className="mt-1 size-6 accent-ink"
                />
                <span>
                  <span className="font-semibold">{choice.label}</span>{" "}
                  <span className="text-muted">– {choice.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.note} className="text-lg font-bold">
            Note {needsNote(draft.actionType) ? "(required)" : "(optional)"}
          </label>
          <textarea
            id={ids.note}
            rows={4}
            maxLength={2000}
            value={draft.note}
            onChange={(event) => onDraftChange({ ...draft, note: event.target.value })}
            aria-invalid={problem?.fields.actionNote ? true : undefined}
            className="border-2 border-ink p-2"
          />
        </div>
        <div className="flex flex-wrap gap-4">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Recording…" : "Record action"}
          </Button>
          <Button variant="secondary" onClick={() => onClose("cancelled")}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
