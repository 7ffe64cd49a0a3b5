import Link from "next/link";

/** Shown instead of a page the signed-in person's role may not open. */
export function Refused({ what = "this page" }: { what?: string }) {
  return (
    <section className="panel refused" data-testid="refused">
      <h1>Admins only</h1>
      <p>Only an admin can open {what}. Ask an admin of this Tidewater if you need a change here.</p>
      <Link href="/">Back to the overview</Link>
    </section>
  );
}
