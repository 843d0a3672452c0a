"use client";

import { useActionState, useMemo } from "react";
import { issueApiClient, type IssueApiClientState } from "@/app/admin/api-clients/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { controlClasses, Field } from "@/components/ui/field";
import { Fieldset } from "@/components/ui/fieldset";

/** Each form field, in the order the form asks, with the control an error about it links to. */
const fieldIds = {
  name: "client-name",
  organisation: "client-organisation",
  partyIds: "client-party-ids",
  scopes: "scopes",
} as const;

/** A scope an admin may tick, with what it lets the client do. */
export type ScopeChoice = { scope: string; description: string };

export function IssueApiClientForm({ scopes }: { scopes: ScopeChoice[] }) {
  const [state, formAction, pending] = useActionState<IssueApiClientState, FormData>(issueApiClient, {
    status: "idle",
  });
  const errors = state.status === "invalid" ? state.errors : {};
  const values =
    state.status === "invalid" ? state.values : { name: "", scopes: [] as string[], organisation: "", partyIds: "" };
  // One list per answer from the server, so the summary takes focus once for each failed attempt.
  const problems = useMemo(
    () =>
      state.status === "invalid"
        ? Object.entries(fieldIds).flatMap(([field, fieldId]) => {
            const message = state.errors[field];
            return message ? [{ fieldId, message }] : [];
          })
        : [],
    [state],
  );

  return (
    <section aria-labelledby="issue-heading" className="max-w-2xl">
      <h2 id="issue-heading" className="mb-4 text-2xl font-bold">
        Issue a key
      </h2>
      {state.status === "issued" ? (
        <div role="status" className="mb-6 border-4 border-success p-4">
          <h3 className="text-lg font-bold">Key issued for {state.name}</h3>
          <p className="mb-2">Copy it now: it will not be shown again.</p>
          <label htmlFor="issued-key" className="sr-only">
            API key for {state.name}
          </label>
          <input id="issued-key" readOnly value={state.key} className={`${controlClasses()} font-mono text-sm`} />
        </div>
      ) : null}
      <form action={formAction} noValidate className="grid gap-6" key={state.status === "issued" ? state.key : "form"}>
        {problems.length > 0 ? <ErrorSummary errors={problems} /> : null}
        <Field
          id={fieldIds.name}
          label="Service name"
          hint="Lower-case letters, digits and hyphens, e.g. repairs-hub"
          error={errors.name}
          large
          className="max-w-md"
        >
          {(control) => <input {...control} name="name" defaultValue={values.name} />}
        </Field>
        <Field
          id={fieldIds.organisation}
          label="Organisation (optional)"
          hint="Shown on its subscriptions, e.g. Hackney Repairs"
          error={errors.organisation}
          className="max-w-md"
        >
          {(control) => <input {...control} name="organisation" defaultValue={values.organisation} />}
        </Field>
        <Field
          id={fieldIds.partyIds}
          label="Party ids (optional)"
          hint="The parties it acts for, separated by commas"
          error={errors.partyIds}
          className="max-w-md"
        >
          {(control) => <input {...control} name="partyIds" defaultValue={values.partyIds} />}
        </Field>
        <Fieldset id={fieldIds.scopes} legend="Scopes" error={errors.scopes}>
          <div className="grid gap-2">
            {scopes.map(({ scope, description }, index) => {
              // The first box carries the group's id, so the error summary's link lands on it.
              const id = index === 0 ? fieldIds.scopes : `${fieldIds.scopes}-${index + 1}`;
              return (
                <div key={scope}>
                  <label className="flex items-center gap-3">
                    <input
                      type="checkbox"
                      id={id}
                      name="scopes"
                      value={scope}
                      defaultChecked={values.scopes.includes(scope)}
                      aria-describedby={`${id}-description`}
                      className="size-6"
                    />
                    <span className="font-mono">{scope}</span>
                  </label>
                  <p id={`${id}-description`} className="ml-9 text-muted">
                    {description}
                  </p>
                </div>
              );
            })}
          </div>
        </Fieldset>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Issuing…" : "Issue key"}
          </Button>
        </div>
      </form>
    </section>
  );
}
