import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./auth/sign-out-button";
import { NavLinks } from "./nav-links";
import { Providers } from "./providers";

type Props = { children: ReactNode; email: string; role: string };

export function AppShell({ children, email, role }: Props) {
  const items = [
    { href: "/", label: "Overview" },
    { href: "/sources", label: "Sources" },
    { href: "/destinations", label: "Destinations" },
    { href: "/data-in", label: "Data In" },
    ...(role === "admin" ? [{ href: "/settings", label: "Settings" }] : []),
    ...(role === "admin" ? [{ href: "/audit", label: "Audit log" }] : []),
  ];
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/" className="brand">
          Tidewater
        </Link>
        <NavLinks items={items} />
        <div className="sidebar-user">
          <span title={email}>{email}</span>
          <span className="muted-light">{role}</span>
          <SignOutButton />
        </div>
      </aside>
      <main className="main">
        <Providers>{children}</Providers>
      </main>
    </div>
  );
}
