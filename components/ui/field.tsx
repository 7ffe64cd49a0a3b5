import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = { label: string; name: string; errors?: string[]; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its server-side errors under it. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input name={name} aria-invalid={errors?.length ? true : undefined} {...input} />
      {hint && <span className="field-hint">{hint}</span>}
      {errors?.map((error) => (
        <span key={error} className="field-error" role="alert">
          {error}
        </span>
      ))}
    </label>
  );
}
