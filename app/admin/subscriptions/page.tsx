import type { Metadata } from "next";
import { AdminSubscriptionsTable } from "@/components/subscriptions/admin-subscriptions-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayAdministerSubscriptions } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { listAllSubscriptions } from "@/lib/subscriptions/admin-subscriptions";

export const metadata: Metadata = { title: "Subscriptions" };
export const dynamic = "force-dynamic";

export default async function SubscriptionsPage() {
  const person = await requirePerson("/admin/subscriptions");
  authorizePage(person, mayAdministerSubscriptions);
  const rows = await listAllSubscriptions(await getDb(), person);
  return (
    <>
      <PageHeading caption="Administration">Subscriptions</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Every API client&apos;s subscriptions to events, by webhook or email. Open one to see its recent messages,
        replay failed ones, disable or enable it, or send a test event.
      </p>
      {rows.length > 0 ? (
        <AdminSubscriptionsTable rows={rows} />
      ) : (
        <EmptyState title="No subscriptions">
          <p>API clients subscribe through the API, POST /api/v1/subscriptions.</p>
        </EmptyState>
      )}
    </>
  );
}
