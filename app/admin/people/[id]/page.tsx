import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { changePerson } from "@/app/admin/people/actions";
import { DisablePersonPanel } from "@/components/directory/disable-person-panel";
import { PersonalDataPanel } from "@/components/directory/personal-data-panel";
import { PersonForm } from "@/components/directory/person-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { SuccessBanner } from "@/components/ui/success-banner";
import { getDb } from "@/db/runtime";
import { mayManageDirectory, mayManagePersonalData } from "@/lib/auth/policies";
import { listTeamChoices } from "@/lib/directory/choices";
import { getPerson, toPersonResponse } from "@/lib/directory/people";
import { personFormValuesOf } from "@/lib/directory/person-form";
import { formatDateTime } from "@/lib/format/dates";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { findErasureRecord } from "@/lib/personal-data/erasure-record";

export const metadata: Metadata = { title: "Person" };
export const dynamic = "force-dynamic";

const savedMessages: Partial<Record<string, string>> = {
  added: "Person added",
  changed: "Changes saved",
  disabled: "Disabled: they are signed out and can no longer sign in or receive notifications",
  enabled: "Enabled again: they can sign in",
};

const searchSchema = z.object({
  // "erased" has no banner: the erasure's outcome below takes focus instead.
  saved: z.enum(["added", "changed", "disabled", "enabled", "erased"]).optional().catch(undefined),
  confirm: z.enum(["disable", "enable"]).optional().catch(undefined),
});

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> };

export default async function PersonPage({ params, searchParams }: Props) {
  const { id } = await params;
  const admin = await requirePerson(`/admin/people/${id}`);
  authorizePage(admin, mayManageDirectory);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const [row, teams] = await Promise.all([getPerson(db, id), listTeamChoices(db)]);
  if (!row) notFound();
  const person = toPersonResponse(row);
  const { saved, confirm } = searchSchema.parse(await searchParams);
  const erasedAt = row.user.erasedAt?.toISOString() ?? null;
  const erasure = erasedAt ? await findErasureRecord(db, id) : null;
  const heading = erasedAt ? "Erased person" : person.name;

  return (
    <>
      <BackLink href="/admin/people">Back to people</BackLink>
      <SuccessBanner>{saved ? savedMessages[saved] : null}</SuccessBanner>
      <PageHeading caption={person.kind === "staff" ? "Staff" : "Resident"}>{heading}</PageHeading>
      <dl className="mb-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        <dt className="font-bold">Status</dt>
        <dd>
          {erasedAt
            ? `Erased ${formatDateTime(erasedAt)}`
            : person.disabledAt
              ? `Disabled ${formatDateTime(person.disabledAt)}`
              : "Active"}
        </dd>
        <dt className="font-bold">Added</dt>
        <dd>{formatDateTime(person.createdAt)}</dd>
        <dt className="font-bold">Directory id</dt>
        <dd className="font-mono text-sm break-all">{person.id}</dd>
      </dl>
      <p className="mb-8">
        <Link href={`/activity/directoryPerson/${person.id}`}>
          {erasedAt ? "Change history for this erased person" : `Change history for ${person.name}`}
        </Link>
      </p>
      {erasedAt ? null : (
        <>
          <h2 className="mb-4 text-2xl font-bold">Details</h2>
          <PersonForm
            // A fresh form after each save, filled with what was stored.
            key={person.updatedAt}
            action={changePerson.bind(null, person.id)}
            values={personFormValuesOf(person)}
            teams={teams}
            submitLabel="Save changes"
          />
          <DisablePersonPanel person={person} confirming={confirm} isSelf={admin.id === person.id} />
        </>
      )}
      {mayManagePersonalData(admin) ? (
        <PersonalDataPanel
          personId={person.id}
          name={person.name}
          erasure={erasure}
          erasedAt={erasedAt}
          justErased={saved === "erased"}
        />
      ) : null}
    </>
  );
}
