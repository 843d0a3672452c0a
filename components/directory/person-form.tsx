"use client";

import type { ReactNode } from "react";
import type { PersonFormState } from "@/app/admin/people/actions";
import { useDirectoryForm } from "@/components/directory/use-directory-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { FormProblemsSummary } from "@/components/ui/form-problems-summary";
import { Field } from "@/components/ui/field";
import { roles } from "@/db/schema";
import { roleLabels } from "@/lib/auth/roles";
import type { TeamChoice } from "@/lib/directory/choices";
import { personFieldIds as ids, type PersonFormValues } from "@/lib/directory/person-form";

const staffRoles = roles.filter((role) => role !== "resident");
const channels = [
  { value: "", label: "No preference" },
  { value: "email", label: "Email" },
  { value: "sms", label: "Text message" },
  { value: "letter", label: "Letter" },
];

type Props = {
  action: (previous: PersonFormState, form: FormData) => Promise<PersonFormState>;
  values: PersonFormValues;
  teams: TeamChoice[];
  submitLabel: string;
};

/** Adding or editing a person: every directory field, checked by the directory's contract on save. */
export function PersonForm({ action, values: initialValues, teams, submitLabel }: Props) {
  const { formAction, pending, values, problems, errors } = useDirectoryForm(action, initialValues);

  return (
    <form action={formAction} noValidate className="grid max-w-2xl gap-6">
      <FormProblemsSummary problems={problems} />
      <Field id={ids.name} label="Full name" error={errors[ids.name]} className="max-w-md">
        {(control) => <input {...control} name="name" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <ChoiceGroup
        id={ids.kind}
        legend="Kind"
        type="radio"
        name="kind"
        error={errors[ids.kind]}
        options={[
          { value: "staff", label: "Staff: signs in and works in teams" },
          { value: "resident", label: "Resident: reached by their council records" },
        ]}
        checked={(value) => values.kind === value}
      />
      <Field
        id={ids.email}
        label="Email address"
        hint="Staff sign in with it"
        error={errors[ids.email]}
        className="max-w-md"
      >
        {(control) => <input {...control} type="email" name="email" defaultValue={values.email} autoComplete="off" />}
      </Field>
      <Field id={ids.mobileNumber} label="UK mobile number" error={errors[ids.mobileNumber]} className="max-w-xs">
        {(control) => (
          <input {...control} type="tel" name="mobileNumber" defaultValue={values.mobileNumber} autoComplete="off" />
        )}
      </Field>
      <Field
        id={ids.addressLines}
        label="Postal address"
        hint="One line per line of the address, without the postcode"
        error={errors[ids.addressLines]}
      >
        {(control) => <textarea {...control} name="addressLines" rows={4} defaultValue={values.addressLines} />}
      </Field>
      <Field id={ids.postcode} label="Postcode" error={errors[ids.postcode]} className="max-w-40">
        {(control) => <input {...control} name="postcode" defaultValue={values.postcode} autoComplete="off" />}
      </Field>
      <ChoiceGroup
        id={ids.preferredChannel}
        legend="Preferred channel"
        type="radio"
        name="preferredChannel"
        error={errors[ids.preferredChannel]}
        options={channels}
        checked={(value) => values.preferredChannel === value}
      />

      <Section title="Staff">
        <ChoiceGroup
          id={ids.roles}
          legend="Roles"
          type="checkbox"
          name="roles"
          error={errors[ids.roles]}
          options={staffRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
          checked={(value) => values.roles.includes(value)}
        />
        {teams.length > 0 ? (
          <ChoiceGroup
            id={ids.teams}
            legend="Teams"
            type="checkbox"
            name="teams"
            error={errors[ids.teams]}
            options={teams.map((team) => ({ value: team.key, label: team.name }))}
            checked={(value) => values.teams.includes(value)}
          />
        ) : null}
      </Section>

      <Section title="Residents">
        <Field
          id={ids.personId}
          label="Council person id"
          hint="The id of their person record, e.g. 6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01"
          error={errors[ids.personId]}
        >
          {(control) => <input {...control} name="personId" defaultValue={values.personId} autoComplete="off" />}
        </Field>
        <Field id={ids.tenureIds} label="Tenure ids" hint="One per line" error={errors[ids.tenureIds]}>
          {(control) => <textarea {...control} name="tenureIds" rows={2} defaultValue={values.tenureIds} />}
        </Field>
        <Field
          id={ids.propertyIds}
          label="Property ids"
          hint="One per line: their flat, or the block it is in"
          error={errors[ids.propertyIds]}
        >
          {(control) => <textarea {...control} name="propertyIds" rows={2} defaultValue={values.propertyIds} />}
        </Field>
      </Section>

      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-6 border-l-4 border-border pl-4">
      <h2 className="text-xl font-bold">For {title.toLowerCase()}</h2>
      {children}
    </section>
  );
}
