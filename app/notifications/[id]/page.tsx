import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotificationDetail } from "@/components/notifications/notification-detail";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { getNotification } from "@/lib/notifications/get-notification";
import { notificationIdParamsSchema } from "@/lib/notifications/contract/item-requests";

export const metadata: Metadata = { title: "Notification" };
export const dynamic = "force-dynamic";

export default async function NotificationPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = await params;
  const person = await requirePerson(`/notifications/${encodeURIComponent(raw.id)}`);
  const parsed = notificationIdParamsSchema.safeParse(raw);
  // Someone else's notification and a mistyped id look the same: not found.
  const item = parsed.success ? await getNotification(await getDb(), person, parsed.data.id) : null;
  if (!item) notFound();
  return (
    <>
      <BackLink href="/">Back to inbox</BackLink>
      <PageHeading caption="Notification">{item.message ?? `${item.notificationType} notification`}</PageHeading>
      <NotificationDetail initial={item} viewerId={person.id} />
    </>
  );
}
