import type { TAuditFilter } from "@/lib/audit/schemas";

const RESOURCES = ["source", "database", "destination", "sync", "run", "user", "invite", "api_token", "settings", "session"];

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and exported. */
export function AuditFilters({ filter }: { filter: TAuditFilter }) {
  return (
    <form className="filters" method="get" data-testid="audit-filters" style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "end" }}>
      <label className="field">
        <span>Who</span>
        <input name="actor" defaultValue={filter.actor ?? ""} placeholder="email or token name" />
      </label>
      <label className="field">
        <span>Resource</span>
        <select name="resourceType" defaultValue={filter.resourceType ?? ""}>
          <option value="">Any</option>
          {RESOURCES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Action</span>
        <input name="action" defaultValue={filter.action ?? ""} placeholder="e.g. sync.update" />
      </label>
      <label className="field">
        <span>From</span>
        <input type="date" name="since" defaultValue={filter.since?.slice(0, 10) ?? ""} />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" name="until" defaultValue={filter.until?.slice(0, 10) ?? ""} />
      </label>
      <button className="button" type="submit">
        Filter
      </button>
    </form>
  );
}
