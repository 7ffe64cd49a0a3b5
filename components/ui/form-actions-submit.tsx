/** A form's submit button in its actions row; says "Saving…" while the form is sent. */
export function FormActionsSubmit({ busy, label = "Save" }: { busy: boolean; label?: string }) {
  return (
    <div className="actions">
      <button className="button" type="submit" disabled={busy}>
        {busy ? "Saving…" : label}
      </button>
    </div>
  );
}
