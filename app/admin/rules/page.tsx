import type { Metadata } from "next";
import { z } from "zod";
import { RulesTable } from "@/components/rules/rules-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayManageRules } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { listRules } from "@/lib/rules/rules";

export const metadata: Metadata = { title: "Rules" };
export const dynamic = "force-dynamic";

const savedMessages = { enabled: "Rule enabled", disabled: "Rule disabled" };
const searchSchema = z.object({ saved: z.enum(["enabled", "disabled"]).optional().catch(undefined) });

type Props = { searchParams: Promise<Record<string, string>> };

export default async function RulesPage({ searchParams }: Props) {
  const person = await requirePerson("/admin/rules");
  authorizePage(person, mayManageRules);
  const { saved } = searchSchema.parse(await searchParams);
  // Rules number in tens, not thousands: one page holds them all.
  const page = await listRules(await getDb(), { pageSize: 100 });
  return (
    <>
      {saved ? (
        <div role="status" className="mb-6 border-4 border-success p-4 text-lg font-bold">
          {savedMessages[saved]}
        </div>
      ) : null}
      <PageHeading caption="Administration">Rules</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        What the centre does on its own: notify people of council events, escalate items nobody acted on, flag stalled
        processes and remind people of visits. Every change is recorded in the rule&apos;s history.
      </p>
      {page.results.length > 0 ? (
        <RulesTable rules={page.results} />
      ) : (
        <EmptyState title="No rules">
          <p>Rules are added through the API, POST /api/v1/rules.</p>
        </EmptyState>
      )}
    </>
  );
}
