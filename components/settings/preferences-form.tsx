"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api/errors";
import { categories } from "@/lib/rules/categories";
import type { Preferences } from "@/lib/rules/preferences";
import { useSavePreferencesMutation } from "./use-save-preferences-mutation";

type Channel = "inApp" | "email" | "sms";
const channelLabels: Record<Channel, string> = { inApp: "Inbox", email: "Email", sms: "Text" };

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
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-lg font-bold">How you hear about each kind of notification</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-4">
                Category
              </th>
              {(Object.keys(channelLabels) as Channel[]).map((channel) => (
                <th key={channel} scope="col" className="px-2 py-2">
                  {channelLabels[channel]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => {
              const choice = draft.categories.find((entry) => entry.category === category.key);
              if (!choice) return null;
              const allowed: Record<Channel, boolean> = {
                inApp: !category.requireAction,
                email: category.optionalChannels.includes("email"),
                sms: category.optionalChannels.includes("sms"),
              };
              return (
                <tr key={category.key} className="border-b border-border">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {category.name}
                    {category.requireAction ? (
                      <span className="block text-sm text-muted">Needs action: always in your inbox</span>
                    ) : null}
                  </th>
                  {(Object.keys(channelLabels) as Channel[]).map((channel) => (
                    <td key={channel} className="px-2 py-2">
                      {allowed[channel] || channel === "inApp" ? (
                        <input
                          type="checkbox"
                          aria-label={`${channelLabels[channel]}: ${category.name}`}
                          checked={choice[channel]}
                          disabled={!allowed[channel]}
                          onChange={(event) => toggle(category.key, channel, event.target.checked)}
                          className="size-6 accent-ink"
                        />
                      ) : (
                        <span className="text-sm text-muted">Not offered</span>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save choices"}
        </Button>
      </div>
    </form>
  );
}
