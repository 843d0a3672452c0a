import type { Metadata } from "next";
import Link from "next/link";
import { PeopleFilters } from "@/components/directory/people-filters";
import { PeopleTable } from "@/components/directory/people-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayManageDirectory } from "@/lib/auth/policies";
import { listTeamChoices } from "@/lib/directory/choices";
import { listPeople } from "@/lib/directory/people";
import { peopleHref, peopleSearchSchema, type PeopleSearch } from "@/lib/directory/people-search";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

const pageSize = 25;

type Props = { searchParams: Promise<Record<string, string>> };

export default async function PeoplePage({ searchParams }: Props) {
  const person = await requirePerson("/admin/people");
  authorizePage(person, mayManageDirectory);
  const search = peopleSearchSchema.parse(await searchParams);
  const db = await getDb();
  const list = (view: PeopleSearch) =>
    listPeople(db, {
      q: view.q,
      kind: view.kind,
      team: view.team,
      disabled: view.status === undefined ? undefined : view.status === "disabled",
      paginationToken: view.after,
      pageSize,
    });
  const [page, teams] = await Promise.all([
    list(search).catch((error: unknown) => {
      // A position edited by hand in the URL: start again from the first page.
      if (error instanceof ApiError && error.code === "bad_request") return list({ ...search, after: undefined });
      throw error;
    }),
    listTeamChoices(db),
  ]);
  const nextToken = page.paginationDetails.nextToken;
  return (
    <>
      <PageHeading caption="Administration">People</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Staff sign in and work in teams; residents are reached through their council records. Every change is kept in
        the person&apos;s history.
      </p>
      <div className="mb-8 flex flex-wrap gap-4">
        <Link href="/admin/people/new" className={buttonClasses("primary", "no-underline")}>
          Add a person
        </Link>
        <Link href="/admin/people/import" className={buttonClasses("secondary", "no-underline")}>
          Import people from a file
        </Link>
      </div>
      <PeopleFilters search={search} teams={teams} />
      {page.results.length > 0 ? (
        <PeopleTable people={page.results} />
      ) : (
        <EmptyState title="Nobody matches">
          <p>Try fewer words, or clear the filters.</p>
        </EmptyState>
      )}
      <nav aria-label="People pages" className="flex gap-6">
        {search.after ? <Link href={peopleHref({ ...search, after: undefined })}>First page</Link> : null}
        {nextToken ? <Link href={peopleHref({ ...search, after: nextToken })}>Next page</Link> : null}
      </nav>
    </>
  );
}
