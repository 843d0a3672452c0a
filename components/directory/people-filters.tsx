import { Field } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { SelectField } from "@/components/ui/select-field";
import type { TeamChoice } from "@/lib/directory/choices";
import type { PeopleSearch } from "@/lib/directory/people-search";

/** A plain GET form, so the search lives in the URL and works without JavaScript. */
export function PeopleFilters({ search, teams }: { search: PeopleSearch; teams: TeamChoice[] }) {
  const filtered = Boolean(search.q || search.kind || search.team || search.status);
  return (
    <FilterForm
      label="Search people"
      method="get"
      action="/admin/people"
      clearHref={filtered ? "/admin/people" : undefined}
      className="mb-6"
    >
      <Field id="people-q" label="Name or email" hint="The start of any word of the name, or of the email">
        {(control) => <input {...control} type="search" name="q" defaultValue={search.q ?? ""} />}
      </Field>
      <SelectField
        id="people-kind"
        name="kind"
        label="Kind"
        anyLabel="Staff and residents"
        options={[
          { value: "staff", label: "Staff" },
          { value: "resident", label: "Residents" },
        ]}
        defaultValue={search.kind}
      />
      <SelectField
        id="people-team"
        name="team"
        label="Team"
        anyLabel="Any team"
        options={teams.map((team) => ({ value: team.key, label: team.name }))}
        defaultValue={search.team}
      />
      <SelectField
        id="people-status"
        name="status"
        label="Status"
        anyLabel="Active and disabled"
        options={[
          { value: "active", label: "Active" },
          { value: "disabled", label: "Disabled" },
        ]}
        defaultValue={search.status}
      />
    </FilterForm>
  );
}
