"use client";

import { useActionState } from "react";
import { issueApiClient, type IssueApiClientState } from "@/app/admin/api-clients/actions";
import { Button } from "@/components/ui/button";

export function IssueApiClientForm({ scopes }: { scopes: string[] }) {
  const [state, formAction, pending] = useActionState<IssueApiClientState, FormData>(issueApiClient, {
    status: "idle",
  });
  const errors = state.status === "invalid" ? state.errors : {};
  const values = state.status === "invalid" ? state.values : { name: "", scopes: [] as string[] };

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
          <input
            id="issued-key"
            readOnly
            value={state.key}
            className="w-full border-2 border-ink p-2 font-mono text-sm"
          />
        </div>
      ) : null}
      <form action={formAction} noValidate className="grid gap-6" key={state.status === "issued" ? state.key : "form"}>
        <div>
          <label htmlFor="client-name" className="block text-lg font-semibold">
            Service name
          </label>
          <p id="client-name-hint" className="text-muted">
            Lower-case letters, digits and hyphens, e.g. repairs-hub
          </p>
          {errors.name ? (
            <p id="client-name-error" className="font-semibold text-danger">
              <span className="sr-only">Error:</span> {errors.name}
            </p>
          ) : null}
          <input
            id="client-name"
            name="name"
            defaultValue={values.name}
            aria-describedby={`client-name-hint${errors.name ? " client-name-error" : ""}`}
            aria-invalid={errors.name ? true : undefined}
            className={`mt-1 w-full max-w-md border-2 p-2 ${errors.name ? "border-danger" : "border-ink"}`}
          />
        </div>
        <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend className="text-lg font-semibold">Scopes</legend>
          {errors.scopes ? (
            <p id="scopes-error" className="font-semibold text-danger">
              <span className="sr-only">Error:</span> {errors.scopes}
            </p>
          ) : null}
          <div className="mt-2 grid gap-2">
            {scopes.map((scope) => (
              <label key={scope} className="flex items-center gap-3">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={values.scopes.includes(scope)}
                  className="size-6"
                />
                <span className="font-mono">{scope}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Issuing…" : "Issue key"}
          </Button>
        </div>
      </form>
    </section>
  );
}
