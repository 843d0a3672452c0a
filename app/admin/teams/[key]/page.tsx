import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { changeTeam } from "@/app/admin/teams/actions";
import { TeamForm } from "@/components/directory/team-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { SuccessBanner } from "@/components/ui/success-banner";
import { getDb } from "@/db/runtime";
import { mayManageDirectory } from "@/lib/auth/policies";
import { listStaffChoices } from "@/lib/directory/choices";
import { teamFormValuesOf } from "@/lib/directory/team-form";
import { teamKeySchema } from "@/lib/directory/team-schema";
import { getTeam } from "@/lib/directory/teams";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

const savedMessages = { added: "Team added: now choose its members and managers", changed: "Changes saved" };
const searchSchema = z.object({ saved: z.enum(["added", "changed"]).optional().catch(undefined) });

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string>> };

export default async function TeamPage({ params, searchParams }: Props) {
  const { key } = await params;
  const admin = await requirePerson(`/admin/teams/${encodeURIComponent(key)}`);
  authorizePage(admin, mayManageDirectory);
  const parsedKey = teamKeySchema.safeParse(key);
  if (!parsedKey.success) notFound();
  const db = await getDb();
  const [team, staff] = await Promise.all([getTeam(db, parsedKey.data), listStaffChoices(db)]);
  if (!team) notFound();
  const { saved } = searchSchema.parse(await searchParams);

  return (
    <>
      <BackLink href="/admin/teams">Back to teams</BackLink>
      <SuccessBanner>{saved ? savedMessages[saved] : null}</SuccessBanner>
      <PageHeading caption={`Team ${team.key}`}>{team.name}</PageHeading>
      <p className="mb-8">
        <Link href={`/activity/directoryTeam/${team.id}`}>Change history for {team.name}</Link>
      </p>
      <TeamForm
        // A fresh form after each save, filled with what was stored.
        key={team.updatedAt}
        mode="update"
        action={changeTeam.bind(null, team.key)}
        values={teamFormValuesOf(team)}
        staff={staff}
        submitLabel="Save changes"
      />
    </>
  );
}
