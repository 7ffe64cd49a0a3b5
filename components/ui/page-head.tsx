import Link from "next/link";
import type { ReactNode } from "react";

type Crumb = { href: string; label: string };

export function PageHead({ title, crumbs, children }: { title: ReactNode; crumbs?: Crumb[]; children?: ReactNode }) {
  return (
    <>
      {crumbs && (
        <div className="breadcrumbs">
          {crumbs.map((crumb, index) => (
            <span key={crumb.href}>
              {index > 0 && " / "}
              <Link href={crumb.href}>{crumb.label}</Link>
            </span>
          ))}
        </div>
      )}
      <div className="page-head">
        <h1>{title}</h1>
        <span className="spacer" />
        {children}
      </div>
    </>
  );
}
