import { Field } from "./field";

export type SelectOption = { value: string; label: string };

/** A drop-down filter as a list declares it: the form adds its id and current value. */
export type SelectFilter<Name extends string = string> = {
  name: Name;
  label: string;
  /** The first option, an empty value meaning "no filter", e.g. "Any status". */
  anyLabel: string;
  options: readonly SelectOption[];
};

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
}: SelectFilter & { id: string; defaultValue: string | undefined }) {
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
