import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RulePreviewResult } from "@/components/rules/rule-preview-result";
import { SampleEventForm } from "@/components/rules/sample-event-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayManageRules } from "@/lib/auth/policies";
import { formatDateTime } from "@/lib/format/dates";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { previewRule } from "@/lib/rules/preview-rule";
import type { RulePreview } from "@/lib/rules/preview-schema";
import { readSampleEvent, sampleEventFieldId, sampleEventProblem } from "@/lib/rules/preview-sample-event";
import { ruleIdParamsSchema } from "@/lib/rules/rule-schema";
import { getRule } from "@/lib/rules/rules";

export const metadata: Metadata = { title: "Rule preview" };
export const dynamic = "force-dynamic";

// A repeated parameter keeps its last value, as the API's query strings do.
const searchSchema = z.object({
  event: z
    .union([z.string(), z.array(z.string()).transform((values) => values.at(-1))])
    .optional()
    .catch(undefined),
});

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

export default async function RulePreviewPage({ params, searchParams }: Props) {
  const { id } = await params;
  const admin = await requirePerson(`/admin/rules/${encodeURIComponent(id)}/preview`);
  authorizePage(admin, mayManageRules);
  const parsed = ruleIdParamsSchema.safeParse({ id });
  if (!parsed.success) notFound();
  const db = await getDb();
  const rule = await getRule(db, parsed.data.id);
  if (!rule) notFound();

  // The dry run, as POST /api/v1/rules/{id}/preview answers it; an event it refuses is the field's error.
  const text = (await searchParams.then(searchSchema.parse)).event ?? "";
  const reading = rule.kind === "event" ? readSampleEvent(text) : { body: {}, problem: null };
  let problem = reading.problem;
  let unpreviewable: string | null = null;
  let preview: RulePreview | null = null;
  const now = new Date();
  if (reading.body) {
    preview = await previewRule(db, rule.id, reading.body, now).catch((error: unknown) => {
      problem = sampleEventProblem(error);
      // A definition stored before its kind's schema changed: say so here; saving the rule fixes it.
      if (error instanceof ApiError && error.code === "unprocessable_content") unpreviewable = error.message;
      if (problem === null && unpreviewable === null) throw error;
      return null;
    });
  }

  return (
    <>
      <p className="mb-4">
        <Link href={`/admin/rules/${rule.id}`}>Back to {rule.name}</Link>
      </p>
      {problem ? <ErrorSummary errors={[{ fieldId: sampleEventFieldId, message: problem }]} className="mb-6" /> : null}
      {unpreviewable ? (
        <ErrorSummary className="mb-6">
          <p>{unpreviewable}: correct it on the rule&apos;s page to preview it.</p>
        </ErrorSummary>
      ) : null}
      <PageHeading caption="Rule preview (dry run)">{rule.name}</PageHeading>
      <div className="mb-6 flex max-w-3xl flex-col gap-2 text-lg">
        <p>
          What this rule would make now ({formatDateTime(now)}), and for whom. A preview sends nothing and saves
          nothing.
        </p>
        {rule.enabled ? null : (
          <p className="font-bold">
            This rule is disabled: it is previewed as if enabled, but makes nothing until it is.
          </p>
        )}
      </div>
      {rule.kind === "event" ? <SampleEventForm ruleId={rule.id} text={text} error={problem ?? undefined} /> : null}
      {preview ? <RulePreviewResult preview={preview} /> : null}
    </>
  );
}
