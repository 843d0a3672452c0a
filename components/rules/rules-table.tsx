import Link from "next/link";
import { setRuleEnabled } from "@/app/admin/rules/actions";
import { Button } from "@/components/ui/button";
import { Table, type TableColumn } from "@/components/ui/table";
import type { RuleResponse } from "@/lib/rules/rule-schema";

const kindLabels: Record<RuleResponse["kind"], string> = {
  event: "Event",
  escalation: "Escalation",
  stalled: "Stalled process",
  reminder: "Visit reminder",
};

const columns: TableColumn<RuleResponse>[] = [
  { header: "Rule", rowHeader: true, cell: (rule) => <Link href={`/admin/rules/${rule.id}`}>{rule.name}</Link> },
  { header: "Kind", cell: (rule) => kindLabels[rule.kind] },
  { header: "Status", cell: (rule) => (rule.enabled ? "Enabled" : "Disabled") },
  {
    header: "Dry run",
    cell: (rule) => (
      <Link href={`/admin/rules/${rule.id}/preview`}>
        Preview<span className="sr-only"> {rule.name}</span>
      </Link>
    ),
  },
  {
    header: "Change",
    cell: (rule) => (
      // One form per row, so the button works without JavaScript; its text names the rule for screen readers.
      <form action={setRuleEnabled.bind(null, rule.id, !rule.enabled)}>
        <Button type="submit" variant="secondary">
          {rule.enabled ? "Disable" : "Enable"}
          <span className="sr-only"> {rule.name}</span>
        </Button>
      </form>
    ),
  },
];

export function RulesTable({ rules }: { rules: RuleResponse[] }) {
  return <Table caption="Rules, by kind" columns={columns} rows={rules} rowKey={(rule) => rule.id} className="mb-6" />;
}
