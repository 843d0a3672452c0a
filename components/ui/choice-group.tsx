import type { ChangeEvent } from "react";
import { Fieldset } from "./fieldset";

/** One answer a group offers: what is sent, what is read, and an optional note after the label. */
export type Choice = { value: string; label: string; hint?: string };

/**
 * Radios or checkboxes answering one question, in the GOV.UK shape: a fieldset whose legend asks it
 * (so a screen reader names the group), each box inside its own label (so the words are clickable),
 * native inputs (so Tab, Space and the arrow keys work as everywhere else). The first box carries
 * `id`, the one an error summary links to; the rest are `${id}-2`, `${id}-3` and on.
 * Uncontrolled for a form read on submit; with `onChange`, controlled by `checked`.
 */
export function ChoiceGroup({
  id,
  legend,
  type,
  name,
  error,
  options,
  checked,
  onChange,
  legendHidden,
}: {
  id: string;
  legend: string;
  type: "radio" | "checkbox";
  name: string;
  error: string | undefined;
  options: Choice[];
  checked: (value: string) => boolean;
  onChange?: (value: string, checked: boolean) => void;
  legendHidden?: boolean;
}) {
  return (
    <Fieldset id={id} legend={legend} error={error} legendHidden={legendHidden}>
      <div className="grid gap-2">
        {options.map((option, index) => (
          <label key={option.value} className="flex items-center gap-3">
            <input
              type={type}
              id={index === 0 ? id : `${id}-${index + 1}`}
              name={name}
              value={option.value}
              {...(onChange
                ? {
                    checked: checked(option.value),
                    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(option.value, event.target.checked),
                  }
                : { defaultChecked: checked(option.value) })}
              className="size-6"
            />
            <span>
              {option.label}
              {option.hint ? <span className="text-sm text-muted"> {option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
