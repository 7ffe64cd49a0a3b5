import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./auth/sign-out-button";

type Props = { children: ReactNode; email: string; role: string };

export function AppShell({ children, email, role }: Props) {
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/" className="brand">
          Tidewater
        </Link>
        <nav>
          <Link href="/">Overview</Link>
        </nav>
        <div className="sidebar-user">
          <span title={email}>{email}</span>
          <span className="muted-light">{role}</span>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">{children}</main>
    </div>
  );
}
