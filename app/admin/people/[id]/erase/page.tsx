import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { erasePersonalData } from "@/app/admin/people/erasure-actions";
import { ErasePersonForm } from "@/components/directory/erase-person-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayManagePersonalData } from "@/lib/auth/policies";
import { getPerson } from "@/lib/directory/people";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Erase personal data" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** Erasing a person's personal data, asked on a page of its own: what goes, what stays, then a tick and a button. */
export default async function ErasePersonPage({ params }: Props) {
  const { id } = await params;
  const admin = await requirePerson(`/admin/people/${id}/erase`);
  authorizePage(admin, mayManagePersonalData);
  if (!z.uuid().safeParse(id).success) notFound();
  const row = await getPerson(await getDb(), id);
  if (!row) notFound();
  const personHref = `/admin/people/${id}`;
  // Erased already: the person page says when, by whom and what.
  if (row.user.erasedAt) redirect(personHref);
  const { name } = row.user;

  return (
    <>
      <BackLink href={personHref}>Back to {name}</BackLink>
      <PageHeading caption="Personal data">Erase {name}&apos;s personal data</PageHeading>
      <div className="mb-8 max-w-3xl">
        <p className="mb-3 text-lg">Erasing removes their details from everything this service holds:</p>
        <ul className="mb-4 list-disc pl-6">
          <li>
            their name, email address, mobile number, postal address and the council&apos;s ids for them, from the
            directory; they are disabled and signed out
          </li>
          <li>
            the names, contact details, addresses, messages, personalisation and letter files of notifications, emails,
            texts and letters sent to them; messages not yet handed to GOV.UK Notify are cancelled
          </li>
          <li>
            their name, email address and number wherever else they appear, such as other notifications, notes and
            activity history, replaced by &ldquo;[erased]&rdquo;
          </li>
        </ul>
        <p className="mb-4">
          Ids, categories, times and who acted are kept, so records still add up. The change history records that you
          erased them and how many records changed.
        </p>
        <div className="border-l-4 border-danger bg-panel p-4">
          <p className="mb-2 text-lg font-bold">This cannot be undone.</p>
          <p>
            If they asked for a copy of their data,{" "}
            <a href={`/api/v1/people/${id}/export`}>download everything we hold</a> first: afterwards the file holds
            only what is left.
          </p>
        </div>
      </div>
      {admin.id === row.user.id ? (
        <p className="max-w-2xl">This is your own account. Another administrator can erase your details.</p>
      ) : (
        <ErasePersonForm action={erasePersonalData.bind(null, id)} name={name} cancelHref={personHref} />
      )}
    </>
  );
}
