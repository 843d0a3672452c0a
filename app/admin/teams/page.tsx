import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { addTeam } from "@/app/admin/teams/actions";
import { TeamForm } from "@/components/directory/team-form";
import { TeamsTable } from "@/components/directory/teams-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayManageDirectory } from "@/lib/auth/policies";
import { listStaffChoices } from "@/lib/directory/choices";
import { newTeamFormValues } from "@/lib/directory/team-form";
import { listTeams } from "@/lib/directory/teams";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Teams" };
export const dynamic = "force-dynamic";

const searchSchema = z.object({ after: z.string().max(500).optional().catch(undefined) });

type Props = { searchParams: Promise<Record<string, string>> };

export default async function TeamsPage({ searchParams }: Props) {
  const person = await requirePerson("/admin/teams");
  authorizePage(person, mayManageDirectory);
  const { after } = searchSchema.parse(await searchParams);
  const db = await getDb();
  const list = (paginationToken: string | undefined) => listTeams(db, { pageSize: 100, paginationToken });
  const [page, staff] = await Promise.all([
    list(after).catch((error: unknown) => {
      // A position edited by hand in the URL: start again from the first page.
      if (error instanceof ApiError && error.code === "bad_request") return list(undefined);
      throw error;
    }),
    listStaffChoices(db),
  ]);
  const nameOf = new Map(staff.map((member) => [member.id, member.name]));
  const teams = page.results.map((team) => ({
    ...team,
    managerNames: team.managers.map((id) => nameOf.get(id) ?? id),
  }));
  const nextToken = page.paginationDetails.nextToken;
  return (
    <>
      <PageHeading caption="Administration">Teams</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Notifications sent to a team reach each of its members. Escalations reach its managers, or everyone with its
        escalation role.
      </p>
      {teams.length > 0 ? (
        <TeamsTable teams={teams} />
      ) : (
        <EmptyState title="No teams yet">
          <p>Add the first team below.</p>
        </EmptyState>
      )}
      <nav aria-label="Team pages" className="mb-10 flex gap-6">
        {after ? <Link href="/admin/teams">First page</Link> : null}
        {nextToken ? <Link href={`/admin/teams?after=${encodeURIComponent(nextToken)}`}>Next page</Link> : null}
      </nav>
      <section aria-labelledby="add-team">
        <h2 id="add-team" className="mb-4 text-2xl font-bold">
          Add a team
        </h2>
        <TeamForm mode="create" action={addTeam} values={newTeamFormValues} submitLabel="Add team" />
      </section>
    </>
  );
}
