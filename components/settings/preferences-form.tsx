"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/field";
import { messagesByField, problemsFromFailure, type FormProblems } from "@/components/ui/form-problems";
import type { Preferences } from "@/lib/rules/preferences";
import type { EmailMode } from "@/db/schema";
import { channels, choiceId, PreferenceTable, type TickedChannel } from "./preference-table";
import { useSavePreferencesMutation } from "./use-save-preferences-mutation";

const mobileNumberId = "mobile-number";

/** The control to fix for an API field error, e.g. `categories.2.sms` is that category's Text box. */
function fieldIdFor(path: string, submitted: Preferences): string | undefined {
  if (path === "mobileNumber") return mobileNumberId;
  const [, index, name] = /^categories\.(\d+)\.(\w+)$/.exec(path) ?? [];
  const category = submitted.categories[Number(index)]?.category;
  const channel = channels.find((known) => known === name);
  return category && channel ? choiceId(category, channel) : undefined;
}

/**
 * Per category: inbox (fixed on where action is needed), and where the category allows, email
 * (straight away, in a daily digest, or off) and text.
 */
export function PreferencesForm({ initial }: { initial: Preferences }) {
  const save = useSavePreferencesMutation();
  const [draft, setDraft] = useState<Preferences>(initial);
  const [outcome, setOutcome] = useState<{ kind: "saved" } | ({ kind: "failed" } & FormProblems) | null>(null);

  const change = (key: string, values: Partial<Preferences["categories"][number]>) =>
    setDraft((current) => ({
      ...current,
      categories: current.categories.map((choice) => (choice.category === key ? { ...choice, ...values } : choice)),
    }));
  const toggle = (key: string, channel: TickedChannel, value: boolean) => change(key, { [channel]: value });
  const chooseEmailMode = (key: string, mode: EmailMode) => change(key, { email: mode });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const submitted = { ...draft, mobileNumber: draft.mobileNumber?.trim() || null };
    try {
      setDraft(await save.mutateAsync(submitted));
      setOutcome({ kind: "saved" });
    } catch (error) {
      const problems = problemsFromFailure(
        error,
        (path) => fieldIdFor(path, submitted),
        "Your choices could not be saved. Try again.",
      );
      setOutcome({ kind: "failed", ...problems });
    }
  };
  const fieldErrors = messagesByField(outcome?.kind === "failed" ? outcome : null);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      {outcome?.kind === "saved" ? (
        <p role="status" className="border-l-8 border-success bg-panel p-4 font-bold">
          Your choices are saved
        </p>
      ) : null}
      {outcome?.kind === "failed" ? (
        <ErrorSummary errors={outcome.errors}>
          {outcome.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </ErrorSummary>
      ) : null}
      <Field
        id={mobileNumberId}
        label="Mobile number for texts"
        hint="A UK mobile, such as 07700 900 123. Only needed if you choose texts below."
        error={fieldErrors[mobileNumberId]}
        large
        className="max-w-md"
      >
        {(control) => (
          <input
            {...control}
            type="tel"
            autoComplete="tel"
            value={draft.mobileNumber ?? ""}
            onChange={(event) => setDraft({ ...draft, mobileNumber: event.target.value })}
          />
        )}
      </Field>
      <PreferenceTable
        choices={draft.categories}
        onToggle={toggle}
        onEmailMode={chooseEmailMode}
        errors={fieldErrors}
      />
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save choices"}
        </Button>
      </div>
    </form>
  );
}
