import type { Metadata } from "next";
import Link from "next/link";
import { OutboxFilters } from "@/components/outbox/outbox-filters";
import { OutboxTable } from "@/components/outbox/outbox-table";
import { RetentionSummary } from "@/components/outbox/retention-summary";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayAdminister } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { listOutbox } from "@/lib/delivery-outbox/list-outbox";
import { outboxHref } from "@/lib/delivery-outbox/outbox-href";
import { outboxSearchSchema } from "@/lib/delivery-outbox/schemas";
import { getRetentionStatus } from "@/lib/personal-data/retention";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string>> };

export default async function OutboxPage({ searchParams }: Props) {
  const person = await requirePerson("/admin/outbox");
  authorizePage(person, mayAdminister);
  const search = outboxSearchSchema.parse(await searchParams);
  const db = await getDb();
  const page = await listOutbox(db, search).catch((error: unknown) => {
    // A position edited by hand in the URL: start again from the newest.
    if (error instanceof ApiError && error.code === "bad_request")
      return listOutbox(db, { ...search, after: undefined });
    throw error;
  });
  const retention = await getRetentionStatus(db);
  return (
    <>
      <PageHeading caption="Administration">Outbox</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Every email, text message and letter sent through GOV.UK Notify, with its latest status. Open one to see the
        message as Notify renders it.
      </p>
      <OutboxFilters search={search} />
      {page.items.length > 0 ? (
        <OutboxTable items={page.items} />
      ) : (
        <EmptyState title="No deliveries match">
          <p>
            {search.status || search.channel
              ? "Try another status or channel."
              : "Nothing has been sent through GOV.UK Notify yet."}
          </p>
        </EmptyState>
      )}
      <nav aria-label="Outbox pages" className="flex gap-6">
        {search.after ? <Link href={outboxHref({ ...search, after: undefined })}>Newest</Link> : null}
        {page.nextToken ? <Link href={outboxHref({ ...search, after: page.nextToken })}>Older deliveries</Link> : null}
      </nav>
      <RetentionSummary status={retention} retentionDays={getSettings().personalData.retentionDays} />
    </>
  );
}
