import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryDetail } from "@/components/outbox/delivery-detail";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayAdminister } from "@/lib/auth/policies";
import { getOutboxDelivery } from "@/lib/delivery-outbox/get-outbox-delivery";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Delivery" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function OutboxDeliveryPage({ params }: Props) {
  const { id } = await params;
  const person = await requirePerson(`/admin/outbox/${id}`);
  authorizePage(person, mayAdminister);
  const delivery = await getOutboxDelivery(await getDb(), id);
  if (!delivery) notFound();
  return (
    <>
      <BackLink href="/admin/outbox">Back to the outbox</BackLink>
      <PageHeading caption="Outbox">Delivery</PageHeading>
      <DeliveryDetail delivery={delivery} />
    </>
  );
}
