import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { changeRule } from "@/app/admin/rules/actions";
import { RuleForm } from "@/components/rules/rule-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayManageRules } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { ruleFormValuesOf } from "@/lib/rules/rule-form";
import { ruleIdParamsSchema } from "@/lib/rules/rule-schema";
import { getRule, toRuleResponse } from "@/lib/rules/rules";

export const metadata: Metadata = { title: "Rule" };
export const dynamic = "force-dynamic";

const searchSchema = z.object({ saved: z.enum(["changed"]).optional().catch(undefined) });

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> };

export default async function RulePage({ params, searchParams }: Props) {
  const { id } = await params;
  const admin = await requirePerson(`/admin/rules/${encodeURIComponent(id)}`);
  authorizePage(admin, mayManageRules);
  const parsed = ruleIdParamsSchema.safeParse({ id });
  if (!parsed.success) notFound();
  const stored = await getRule(await getDb(), parsed.data.id);
  if (!stored) notFound();
  const rule = toRuleResponse(stored);
  const { saved } = searchSchema.parse(await searchParams);

  return (
    <>
      <p className="mb-4">
        <Link href="/admin/rules">Back to rules</Link>
      </p>
      {saved ? (
        <div role="status" className="mb-6 border-4 border-success p-4 text-lg font-bold">
          Changes saved
        </div>
      ) : null}
      <PageHeading caption={`Rule, version ${rule.version}`}>{rule.name}</PageHeading>
      <ul className="mb-8 flex flex-col gap-2">
        <li>
          <Link href={`/admin/rules/${rule.id}/preview`}>Preview {rule.name}</Link> (a dry run: what it would make now,
          and for whom)
        </li>
        <li>
          <Link href={`/activity/rule/${rule.id}`}>Change history for {rule.name}</Link>
        </li>
      </ul>
      <RuleForm
        // A fresh form after each save, filled with what was stored.
        key={rule.version}
        action={changeRule.bind(null, rule.id)}
        values={ruleFormValuesOf(rule)}
        kind={rule.kind}
      />
    </>
  );
}
