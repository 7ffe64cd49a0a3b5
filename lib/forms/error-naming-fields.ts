import type { FieldErrors } from "../errors";
import { labelOf } from "./describe-config-form";

/**
 * A form-level refusal that says which fields it means, in the words on the form:
 * "Some connection settings need attention: Database, Password." A message that is already one
 * field's own error (an address the policy refuses) is left as it is.
 */
export function errorNamingFields(message: string, fields: FieldErrors, labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(fields).filter((key) => fields[key].length > 0);
  if (keys.length === 0 || keys.some((key) => fields[key].includes(message))) return message;
  const names = [...new Set(keys.map((key) => labels[key] ?? labelOf(key.split(".").pop() ?? key)))];
  return `${message.replace(/\.$/, "")}: ${names.join(", ")}.`;
}

/** The labels of a settings form's fields, keyed as the server names their errors (`config.<key>`). */
export function configLabels(fields: readonly { key: string; label: string }[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [`config.${field.key}`, field.label]));
}
