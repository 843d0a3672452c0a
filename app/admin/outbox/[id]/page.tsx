import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryDetail } from "@/components/outbox/delivery-detail";
import { ResendPanel } from "@/components/outbox/resend-panel";
import { SuccessBanner } from "@/components/ui/success-banner";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayAdminister, mayResendDelivery } from "@/lib/auth/policies";
import { getOutboxDelivery } from "@/lib/delivery-outbox/get-outbox-delivery";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Delivery" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> };

const searchSchema = z.object({
  confirm: z.enum(["resend"]).optional().catch(undefined),
  resent: z.enum(["now", "already"]).optional().catch(undefined),
});

const resentMessages = {
  now: "Resent: this is the new delivery, queued for GOV.UK Notify",
  already: "It had been resent already: this is that delivery, so nothing was sent twice",
} as const;

export default async function OutboxDeliveryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { confirm, resent } = searchSchema.parse(await searchParams);
  const person = await requirePerson(`/admin/outbox/${id}`);
  authorizePage(person, mayAdminister);
  const delivery = await getOutboxDelivery(await getDb(), id);
  if (!delivery) notFound();
  return (
    <>
      <BackLink href="/admin/outbox">Back to the outbox</BackLink>
      <SuccessBanner>{resent ? resentMessages[resent] : null}</SuccessBanner>
      <PageHeading caption="Outbox">Delivery</PageHeading>
      <DeliveryDetail delivery={delivery} />
      {mayResendDelivery(person) ? <ResendPanel delivery={delivery} confirming={confirm === "resend"} /> : null}
    </>
  );
}
