"use client";

import type { TAlertRuleName, TAlertRules } from "@/lib/alerts/schemas";

type Rule = TAlertRules[TAlertRuleName];

const RULES: { name: TAlertRuleName; label: string; field?: { key: string; label: string; step: string } }[] = [
  { name: "runFailed", label: "A run failed or was interrupted" },
  { name: "failedRowShare", label: "Failed rows above a share of rows read", field: { key: "percent", label: "Percent", step: "0.1" } },
  { name: "rowsReadChange", label: "Rows read differ from the median of the last 10 successful runs by more than", field: { key: "percent", label: "Percent", step: "1" } },
  { name: "duration", label: "A run lasted longer than", field: { key: "minutes", label: "Minutes", step: "1" } },
  { name: "skippedInARow", label: "Runs skipped in a row (the frequency is too tight)", field: { key: "count", label: "Runs", step: "1" } },
];

/**
 * The five alert rules. With `inherited` (a sync's page), each rule is either the workspace's or
 * the sync's own; `value[name]` undefined means "use the workspace's".
 */
export function AlertRulesEditor({
  value,
  onChange,
  inherited,
  errors,
}: {
  value: Partial<Record<TAlertRuleName, Rule | undefined>>;
  onChange: (name: TAlertRuleName, rule: Rule | undefined) => void;
  inherited?: TAlertRules;
  errors?: Record<string, string[]>;
}) {
  return (
    <table data-testid="alert-rules">
      <thead>
        <tr>
          <th>Rule</th>
          {inherited && <th>Applies</th>}
          <th>On</th>
          <th>Threshold</th>
        </tr>
      </thead>
      <tbody>
        {RULES.map(({ name, label, field }) => {
          const own = value[name];
          const rule = (own ?? inherited?.[name]) as Record<string, number | boolean> | undefined;
          const editable = !inherited || own !== undefined;
          return (
            <tr key={name} data-rule={name}>
              <td>{label}</td>
              {inherited && (
                <td>
                  <select
                    aria-label={`${label}: whose rule`}
                    value={own === undefined ? "workspace" : "sync"}
                    onChange={(event) => onChange(name, event.target.value === "workspace" ? undefined : (inherited[name] as Rule))}
                  >
                    <option value="workspace">Workspace default</option>
                    <option value="sync">This sync's own</option>
                  </select>
                </td>
              )}
              <td>
                <input
                  type="checkbox"
                  aria-label={`${label}: on`}
                  checked={!!rule?.enabled}
                  disabled={!editable}
                  onChange={(event) => onChange(name, { ...(rule as Rule), enabled: event.target.checked } as Rule)}
                />
              </td>
              <td>
                {field && (
                  <label className="field" style={{ margin: 0 }}>
                    <input
                      type="number"
                      aria-label={`${label}: ${field.label}`}
                      step={field.step}
                      style={{ width: "7rem" }}
                      disabled={!editable}
                      value={String(rule?.[field.key] ?? "")}
                      onChange={(event) => onChange(name, { ...(rule as Rule), [field.key]: Number(event.target.value) } as Rule)}
                    />{" "}
                    <span className="muted small">{field.label.toLowerCase()}</span>
                    {(errors?.[`rules.${name}.${field.key}`] ?? errors?.[`${name}.${field.key}`])?.map((error) => (
                      <span key={error} className="field-error" role="alert">
                        {error}
                      </span>
                    ))}
                  </label>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
