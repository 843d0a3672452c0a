import type { Metadata } from "next";
import { addPerson } from "@/app/admin/people/actions";
import { PersonForm } from "@/components/directory/person-form";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayManageDirectory } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { listTeamChoices } from "@/lib/directory/choices";
import { newPersonFormValues } from "@/lib/directory/person-form";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Add a person" };
export const dynamic = "force-dynamic";

export default async function NewPersonPage() {
  const person = await requirePerson("/admin/people/new");
  authorizePage(person, mayManageDirectory);
  const teams = await listTeamChoices(await getDb());
  return (
    <>
      <BackLink href="/admin/people">Back to people</BackLink>
      <PageHeading caption="Administration">Add a person</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Staff need an email address and at least one role. A resident needs no account to be written to: their mobile
        number or postal address is enough.
        {getSettings().demo.signIn ? " This is a demonstration install: the demo sign-in will offer them." : ""}
      </p>
      <PersonForm action={addPerson} values={newPersonFormValues} teams={teams} submitLabel="Add person" />
    </>
  );
}
