"use client";

import type { TeamFormState } from "@/app/admin/teams/actions";
import { useDirectoryForm } from "@/components/directory/use-directory-form";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Button } from "@/components/ui/button";
import { FormProblemsSummary } from "@/components/ui/form-problems-summary";
import { Field } from "@/components/ui/field";
import { roles } from "@/db/schema";
import { roleLabels } from "@/lib/auth/roles";
import type { StaffChoice } from "@/lib/directory/choices";
import { teamFieldIds as ids, type TeamFormValues } from "@/lib/directory/team-form";

const staffRoles = roles.filter((role) => role !== "resident");

type Props = {
  action: (previous: TeamFormState, form: FormData) => Promise<TeamFormState>;
  values: TeamFormValues;
  submitLabel: string;
} & (
  | { mode: "create" }
  /** Editing: the staff who can be ticked as members and managers. */
  | { mode: "update"; staff: StaffChoice[] }
);

/** Adding a team (key, name, escalation role) or editing one (its people too). */
export function TeamForm(props: Props) {
  const { action, values: initialValues, submitLabel } = props;
  const { formAction, pending, values, problems, errors } = useDirectoryForm(action, initialValues);
  const people =
    props.mode === "update"
      ? props.staff.map((person) => ({
          value: person.id,
          label: person.name,
          hint: [person.email, person.disabled ? "disabled" : ""].filter(Boolean).join(", "),
        }))
      : [];

  return (
    <form action={formAction} noValidate className="grid max-w-2xl gap-6">
      <FormProblemsSummary problems={problems} />
      {props.mode === "create" ? (
        <Field
          id={ids.key}
          label="Key"
          hint="How other services address the team: lower-case words joined by hyphens, e.g. housing-officers. It cannot be changed later."
          error={errors[ids.key]}
          className="max-w-md"
        >
          {(control) => <input {...control} name="key" defaultValue={values.key} autoComplete="off" />}
        </Field>
      ) : null}
      <Field id={ids.name} label="Team name" error={errors[ids.name]} className="max-w-md">
        {(control) => <input {...control} name="name" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <Field
        id={ids.managerRole}
        label="Escalation role"
        hint="Escalations reach everyone with this role when the team names no managers"
        error={errors[ids.managerRole]}
        className="max-w-md"
      >
        {(control) => (
          <select {...control} name="managerRole" defaultValue={values.managerRole}>
            <option value="">No role</option>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {props.mode === "update" ? (
        <>
          <ChoiceGroup
            id={ids.members}
            legend="Members"
            type="checkbox"
            name="members"
            error={errors[ids.members]}
            options={people}
            checked={(id) => values.members.includes(id)}
          />
          <ChoiceGroup
            id={ids.managers}
            legend="Managers (they need not be members)"
            type="checkbox"
            name="managers"
            error={errors[ids.managers]}
            options={people}
            checked={(id) => values.managers.includes(id)}
          />
        </>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
