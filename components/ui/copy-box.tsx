"use client";

import type { ReactNode } from "react";

/** Something to copy once (an invite link, a new token), with its label and a Copy button. */
export function CopyBox({ label, value, testId }: { label: ReactNode; value: string; testId: string }) {
  return (
    <div className="stack" style={{ gap: ".35rem" }}>
      <span className="field-label">{label}</span>
      <div className="copy-box">
        <code data-testid={testId}>{value}</code>
        <button type="button" className="button secondary small" onClick={() => navigator.clipboard?.writeText(value).catch(() => {})}>
          Copy
        </button>
      </div>
    </div>
  );
}
