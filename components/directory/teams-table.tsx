import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { roleLabels } from "@/lib/auth/roles";
import type { TeamSummary } from "@/lib/directory/team-schema";

/** A team in the list, with its managers' names. */
export type TeamRow = TeamSummary & { managerNames: string[] };

const columns: TableColumn<TeamRow>[] = [
  { header: "Team", rowHeader: true, cell: (team) => <Link href={`/admin/teams/${team.key}`}>{team.name}</Link> },
  { header: "Key", cell: (team) => team.key, className: "font-mono text-sm" },
  { header: "Members", numeric: true, cell: (team) => team.memberCount },
  { header: "Managers", cell: (team) => team.managerNames.join(", ") || "—", className: "text-sm" },
  {
    header: "Escalation role",
    cell: (team) => (team.managerRole ? roleLabels[team.managerRole] : "—"),
    className: "text-sm",
  },
];

export function TeamsTable({ teams }: { teams: TeamRow[] }) {
  return <Table caption="Teams, by key" columns={columns} rows={teams} rowKey={(team) => team.key} className="mb-6" />;
}
