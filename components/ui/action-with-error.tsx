import type { ReactNode } from "react";

/** A page action's button with the refusal it got, if any, shown under it (right-aligned). */
export function ActionWithError({ error, children }: { error: string | null; children: ReactNode }) {
  return (
    <div className="stack" style={{ gap: ".3rem", alignItems: "flex-end" }}>
      {children}
      {error && (
        <span role="alert" className="field-error" style={{ maxWidth: 360, textAlign: "right", whiteSpace: "normal" }}>
          {error}
        </span>
      )}
    </div>
  );
}
