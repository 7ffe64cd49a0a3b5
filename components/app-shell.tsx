import Link from "next/link";
import type { ReactNode } from "react";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/" className="brand">
          Tidewater
        </Link>
        <nav>
          <Link href="/">Overview</Link>
        </nav>
      </aside>
      <main className="main">{children}</main>
    </div>
  );
}
