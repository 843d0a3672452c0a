import { EmptyState } from "@/components/ui/empty-state";
import type { RulePreview } from "@/lib/rules/preview-schema";
import { previewIsEmpty } from "@/lib/rules/preview-view";
import { EventRulePreviewResult } from "./event-rule-preview";
import { EscalationRulePreviewResult, ReminderRulePreviewResult, StalledRulePreviewResult } from "./sweep-rule-preview";

/** A dry run of any kind of rule, or, when it found nothing, a plain "Nothing would be made now". */
export function RulePreviewResult({ preview }: { preview: RulePreview }) {
  const nothing = previewIsEmpty(preview) ? (
    <EmptyState title="Nothing would be made now">
      <p>
        {preview.kind === "event"
          ? "This event would make no notification."
          : "Nothing is due for this rule at the moment; the next sweep would make nothing."}
      </p>
    </EmptyState>
  ) : null;
  switch (preview.kind) {
    case "event":
      // The event's sentences say why nothing would be made, so they come first.
      return (
        <>
          <EventRulePreviewResult preview={preview} />
          {nothing}
        </>
      );
    case "escalation":
      return nothing ?? <EscalationRulePreviewResult preview={preview} />;
    case "stalled":
      return nothing ?? <StalledRulePreviewResult preview={preview} />;
    case "reminder":
      return nothing ?? <ReminderRulePreviewResult preview={preview} />;
  }
}
