"use client";

import { useActionState } from "react";
import type { RuleFormState } from "@/app/admin/rules/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/field";
import { messagesByField } from "@/components/ui/form-problems";
import { ruleFieldIds as ids, type RuleFormValues } from "@/lib/rules/rule-form";

type Props = {
  action: (previous: RuleFormState, form: FormData) => Promise<RuleFormState>;
  values: RuleFormValues;
  kind: string;
};

/** Editing a rule: its name, whether it runs, and its definition as JSON checked against its kind. */
export function RuleForm({ action, values: initialValues, kind }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const values = state.status === "invalid" ? state.values : initialValues;
  const problems = state.status === "invalid" ? state.problems : null;
  const errors = messagesByField(problems);

  return (
    <form action={formAction} noValidate className="grid max-w-3xl gap-6">
      {problems ? (
        <ErrorSummary errors={problems.errors}>
          {problems.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </ErrorSummary>
      ) : null}
      <input type="hidden" name="version" value={values.version} />
      <Field id={ids.name} label="Rule name" error={errors[ids.name]} className="max-w-xl">
        {(control) => <input {...control} name="name" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <div>
        <label className="flex items-center gap-3 font-bold">
          <input
            type="checkbox"
            id={ids.enabled}
            name="enabled"
            defaultChecked={values.enabled}
            aria-describedby={`${ids.enabled}-hint`}
            className="size-6"
          />
          Enabled
        </label>
        <p id={`${ids.enabled}-hint`} className="ml-9 text-muted">
          A disabled rule is kept but does nothing.
        </p>
      </div>
      <Field
        id={ids.definition}
        label={`Definition (${kind} rule, as JSON)`}
        hint="Checked against the rule's kind when you save; every problem is listed. Durations are ISO 8601, such as PT4H, P2D or P2W."
        error={errors[ids.definition]}
      >
        {(control) => (
          <textarea
            {...control}
            name="definition"
            defaultValue={values.definition}
            rows={16}
            spellCheck={false}
            className={`${control.className} font-mono text-sm`}
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
