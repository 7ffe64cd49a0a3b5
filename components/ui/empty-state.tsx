import Link from "next/link";
import type { ReactNode } from "react";

/** What a list shows when it has nothing yet: what it is for and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
      {action && (
        <Link className="button" href={action.href}>
          {action.label}
        </Link>
      )}
    </div>
  );
}
