"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api/errors";
import type { Preferences } from "@/lib/rules/preferences";
import { PreferenceTable, type Channel } from "./preference-table";
import { useSavePreferencesMutation } from "./use-save-preferences-mutation";

/** Per category: inbox (fixed on where action is needed), and email or text where the category allows. */
export function PreferencesForm({ initial }: { initial: Preferences }) {
  const save = useSavePreferencesMutation();
  const [draft, setDraft] = useState<Preferences>(initial);
  const [outcome, setOutcome] = useState<{ kind: "saved" } | { kind: "failed"; error: ApiError | Error } | null>(null);

  const toggle = (key: string, channel: Channel, value: boolean) =>
    setDraft((current) => ({
      ...current,
      categories: current.categories.map((choice) =>
        choice.category === key ? { ...choice, [channel]: value } : choice,
      ),
    }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setDraft(await save.mutateAsync({ ...draft, mobileNumber: draft.mobileNumber?.trim() || null }));
      setOutcome({ kind: "saved" });
    } catch (error) {
      setOutcome({ kind: "failed", error: error as Error });
    }
  };
  const fieldErrors =
    outcome?.kind === "failed" && outcome.error instanceof ApiError ? (outcome.error.errors ?? []) : [];

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      {outcome?.kind === "saved" ? (
        <p role="status" className="border-l-8 border-success bg-panel p-4 font-bold">
          Your choices are saved
        </p>
      ) : null}
      {outcome?.kind === "failed" ? (
        <div role="alert" className="border-4 border-danger p-4">
          <p className="font-bold">{outcome.error.message}</p>
          <ul className="list-disc pl-6 text-danger">
            {fieldErrors.map((fieldError) => (
              <li key={fieldError.path}>{fieldError.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex max-w-md flex-col gap-1">
        <label htmlFor="mobile-number" className="text-lg font-bold">
          Mobile number for texts
        </label>
        <p id="mobile-number-hint" className="text-muted">
          A UK mobile, such as 07700 900 123. Only needed if you choose texts below.
        </p>
        <input
          id="mobile-number"
          type="tel"
          autoComplete="tel"
          aria-describedby="mobile-number-hint"
          value={draft.mobileNumber ?? ""}
          onChange={(event) => setDraft({ ...draft, mobileNumber: event.target.value })}
          className="border-2 border-ink p-2"
        />
      </div>
      <PreferenceTable choices={draft.categories} onToggle={toggle} />
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save choices"}
        </Button>
      </div>
    </form>
  );
}
