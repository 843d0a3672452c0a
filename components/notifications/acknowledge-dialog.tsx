"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import type { FieldProblem } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/field";
import { Fieldset } from "@/components/ui/fieldset";
import { FormProblemsSummary } from "@/components/ui/form-problems-summary";
import { messagesByField, problemsFromFailure, type FormProblems } from "@/components/ui/form-problems";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
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
  const ids = { title: useId(), message: useId(), choices: useId(), note: useId() };
  const mutation = useAcknowledgeMutation(item.id);
  const [problems, setProblems] = useState<FormProblems | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fieldErrors = messagesByField(problems);

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
    setNotice(null);
    const errors: FieldProblem[] = [];
    if (!draft.actionType) errors.push({ fieldId: ids.choices, message: "Choose what you did" });
    if (needsNote(draft.actionType) && !draft.note.trim())
      errors.push({ fieldId: ids.note, message: "Add a note saying why" });
    if (errors.length > 0) {
      setProblems({ notes: [], errors });
      return;
    }
    try {
      await mutation.mutateAsync({ actionType: draft.actionType!, actionNote: draft.note.trim() || undefined });
      onClose("recorded");
    } catch (error) {
      const fieldIds: Record<string, string> = { actionType: ids.choices, actionNote: ids.note };
      setProblems(problemsFromFailure(error, (path) => fieldIds[path], "The action could not be recorded. Try again."));
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
        else setNotice("Your note is kept. Record the action, or choose Cancel to leave it for later.");
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
        <FormProblemsSummary problems={problems} />
        {notice ? (
          // Said at once but without taking focus: the person is still typing the note.
          <p role="alert" className="border-l-4 border-brand bg-panel p-3 font-bold">
            {notice}
          </p>
        ) : null}
        <Fieldset id={ids.choices} legend="What did you do?" error={fieldErrors[ids.choices]}>
          <div className="flex flex-col gap-2">
            {choices.map((choice, index) => (
              <label key={choice.value} className="flex items-start gap-3">
                <input
                  type="radio"
                  // The first option carries the group's id, so the error summary's link lands on it.
                  id={index === 0 ? ids.choices : `${ids.choices}-${index + 1}`}
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
        </Fieldset>
        <Field
          id={ids.note}
          label={`Note ${needsNote(draft.actionType) ? "(required)" : "(optional)"}`}
          error={fieldErrors[ids.note]}
          large
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={2000}
              value={draft.note}
              onChange={(event) => onDraftChange({ ...draft, note: event.target.value })}
            />
          )}
        </Field>
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
