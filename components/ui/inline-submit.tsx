/** A form's submit button, lined up with the labelled fields beside it in a row. */
export function InlineSubmit({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="field">
      <span className="field-label">&nbsp;</span>
      <button className="button" type="submit" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
