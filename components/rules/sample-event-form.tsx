import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { sampleEventFieldId } from "@/lib/rules/preview-sample-event";

/**
 * A plain GET form: the sample event travels in the address, so a preview can be linked to and
 * works without JavaScript. The page shows the error summary; this shows the field's message.
 */
export function SampleEventForm({ ruleId, text, error }: { ruleId: string; text: string; error?: string }) {
  return (
    <form method="get" action={`/admin/rules/${ruleId}/preview`} noValidate className="mb-8 grid max-w-3xl gap-4">
      <Field
        id={sampleEventFieldId}
        label="Sample event (JSON, optional)"
        hint="A council event as the events API takes it (id, eventType, dateTime, user, entityId, eventData). Leave it empty to try an event made to fit the rule's match."
        error={error}
      >
        {(control) => (
          <textarea
            {...control}
            name="event"
            defaultValue={text}
            rows={10}
            spellCheck={false}
            className={`${control.className} font-mono text-sm`}
          />
        )}
      </Field>
      <div>
        <Button type="submit" variant="secondary">
          Preview with this event
        </Button>
      </div>
    </form>
  );
}
