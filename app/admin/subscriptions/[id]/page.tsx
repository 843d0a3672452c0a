import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import {
  changeSubscriptionEnabled,
  checkFailedReplay,
  confirmFailedReplay,
  sendSubscriptionTestEvent,
} from "@/app/admin/subscriptions/actions";
import { describeChannels, describeStanding } from "@/components/subscriptions/describe-subscription";
import { SubscriptionMessagesTable } from "@/components/subscriptions/subscription-messages-table";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { SuccessBanner } from "@/components/ui/success-banner";
import { getDb } from "@/db/runtime";
import { mayAdministerSubscriptions } from "@/lib/auth/policies";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { getAdminSubscription, listRecentMessages } from "@/lib/subscriptions/admin-subscriptions";
import { readDryRun } from "@/lib/subscriptions/read-dry-run";

export const metadata: Metadata = { title: "Subscription" };
export const dynamic = "force-dynamic";

const searchSchema = z.object({
  saved: z.enum(["enabled", "disabled", "test-sent", "replayed"]).optional().catch(undefined),
  queued: z.coerce.number().int().min(0).optional().catch(undefined),
  dryRun: z.uuid().optional().catch(undefined),
});

function savedMessage(saved: z.infer<typeof searchSchema>["saved"], queued: number | undefined): string | undefined {
  if (saved === "enabled") return "Subscription enabled";
  if (saved === "disabled") return "Subscription disabled: nothing more is delivered until it is enabled";
  if (saved === "test-sent") return "Test event queued: it is listed below";
  if (saved === "replayed") return `${queued ?? 0} failed message${queued === 1 ? "" : "s"} queued again`;
  return undefined;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-border py-2 sm:flex">
      <dt className="font-semibold sm:w-48">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> };

export default async function SubscriptionPage({ params, searchParams }: Props) {
  const { id } = await params;
  const person = await requirePerson(`/admin/subscriptions/${id}`);
  authorizePage(person, mayAdministerSubscriptions);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const found = await getAdminSubscription(db, person, id);
  if (!found) notFound();
  const { subscription, clientName, standing } = found;
  const search = searchSchema.parse(await searchParams);
  const messages = await listRecentMessages(db, person, id);
  const dryRun = search.dryRun ? await readDryRun(db, id, search.dryRun) : null;
  const deleted = standing.state === "deleted";
  return (
    <>
      <BackLink href="/admin/subscriptions">Back to subscriptions</BackLink>
      <SuccessBanner>{savedMessage(search.saved, search.queued)}</SuccessBanner>
      <PageHeading caption="Subscriptions">{`${clientName}: ${subscription.eventType}`}</PageHeading>
      <dl className="mb-8 max-w-3xl">
        <Row label="Client">{clientName}</Row>
        <Row label="Event type">{subscription.eventType}</Row>
        <Row label="Filters">
          {Object.entries(subscription.filters)
            .map(([name, value]) => `${name} = ${value}`)
            .join(", ") || "None: every event of this type the client may read"}
        </Row>
        <Row label="Channels">{describeChannels(subscription)}</Row>
        <Row label="Contacts">{subscription.contactEmails.join(", ")}</Row>
        <Row label="Expires">{formatDate(subscription.expiresOn)}</Row>
        <Row label="Status">{describeStanding(standing)}</Row>
        <Row label="Failing since">
          {subscription.failingSince ? formatDateTime(subscription.failingSince) : "Not failing"}
        </Row>
      </dl>

      {deleted ? null : (
        <section aria-labelledby="actions-heading" className="mb-8">
          <h2 id="actions-heading" className="mb-4 text-2xl font-bold">
            Actions
          </h2>
          {standing.state === "enabled" ? null : (
            <p className="mb-4">
              {standing.state === "disabled"
                ? "Enable the subscription to send a test event: nothing is delivered while it is disabled."
                : "No test event can be sent: the subscription has expired, and only its client can extend it."}
            </p>
          )}
          <div className="flex flex-wrap gap-4">
            {standing.state === "enabled" ? (
              <form action={sendSubscriptionTestEvent.bind(null, id)}>
                <Button type="submit">Send a test event</Button>
              </form>
            ) : null}
            <form action={changeSubscriptionEnabled.bind(null, id, standing.state === "disabled")}>
              <Button type="submit" variant={standing.state === "disabled" ? "secondary" : "warning"}>
                {standing.state === "disabled" ? "Enable subscription" : "Disable subscription"}
              </Button>
            </form>
          </div>
        </section>
      )}

      <section id="replay" aria-labelledby="replay-heading" className="mb-8 max-w-3xl">
        <h2 id="replay-heading" className="mb-2 text-2xl font-bold">
          Replay failed messages
        </h2>
        {dryRun ? (
          <>
            <p className="mb-4 text-lg" role="status">
              {dryRun.matched} failed message{dryRun.matched === 1 ? "" : "s"} found; {dryRun.queued} would be queued
              again
              {dryRun.matched > dryRun.queued ? " (none while the subscription is disabled, expired or deleted)" : ""}.
              Counted at {formatDateTime(dryRun.at)}: the number may change before you confirm.
            </p>
            {dryRun.queued > 0 ? (
              <form action={confirmFailedReplay.bind(null, id)}>
                <Button type="submit">
                  Replay {dryRun.queued} failed message{dryRun.queued === 1 ? "" : "s"}
                </Button>
              </form>
            ) : null}
          </>
        ) : (
          <>
            <p className="mb-4">
              Each failed message is sent again as a new message with the same content. First count what would be sent.
            </p>
            <form action={checkFailedReplay.bind(null, id)}>
              <Button type="submit" variant="secondary">
                Count failed messages
              </Button>
            </form>
          </>
        )}
      </section>

      <h2 className="mb-2 text-2xl font-bold">Messages</h2>
      {messages.length > 0 ? (
        <SubscriptionMessagesTable messages={messages} />
      ) : (
        <p className="mb-8">No messages yet.</p>
      )}
    </>
  );
}
