import { Field } from "./field";

/** The optional config-as-code key of a source, database, destination or sync. */
export function KeyField({ value, onChange, errors, placeholder }: { value: string; onChange: (value: string) => void; errors?: string[]; placeholder: string }) {
  return (
    <Field
      label="Key (for config as code)"
      name="key"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      errors={errors}
      placeholder={placeholder}
      autoCapitalize="none"
      spellCheck={false}
      hint="Optional: lowercase letters, digits and dashes. Files of the tidewater CLI find this object by its key, on every instance."
    />
  );
}

/** What a key field sends: its text, or null for none (which removes a key an object had). */
export const keyInput = (value: string) => value.trim() || null;
