import { Field } from "./field";

export type SelectOption = { value: string; label: string };

/**
 * A labelled drop-down whose first option means "no filter" (an empty value), as the inbox and
 * outbox filters use them. Uncontrolled, so it works in plain GET forms as well as script ones.
 */
export function SelectField({
  id,
  name,
  label,
  anyLabel,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  options: readonly SelectOption[];
  defaultValue: string | undefined;
}) {
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} name={name} defaultValue={defaultValue ?? ""}>
          <option value="">{anyLabel}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
