import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { describeRoles } from "@/lib/auth/roles";
import type { PersonResponse } from "@/lib/directory/person-responses";

const columns: TableColumn<PersonResponse>[] = [
  {
    header: "Name",
    rowHeader: true,
    cell: (person) => <Link href={`/admin/people/${person.id}`}>{person.name}</Link>,
  },
  { header: "Email", cell: (person) => person.email ?? "—", className: "text-sm break-all" },
  { header: "Kind", cell: (person) => (person.kind === "staff" ? "Staff" : "Resident") },
  { header: "Roles", cell: (person) => describeRoles(person.roles), className: "text-sm" },
  { header: "Teams", cell: (person) => person.teams.join(", ") || "—", className: "text-sm" },
  { header: "Status", cell: (person) => (person.disabled ? <strong>Disabled</strong> : "Active") },
];

export function PeopleTable({ people }: { people: PersonResponse[] }) {
  return (
    <Table caption="People, by name" columns={columns} rows={people} rowKey={(person) => person.id} className="mb-6" />
  );
}
