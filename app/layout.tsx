import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tidewater",
  description: "Reverse ETL: sync your database to the tools your team uses.",
  icons: { icon: "/favicon.svg" },
  robots: { index: false, follow: false },
};

// Every page is rendered per request, so each carries the nonce of its Content-Security-Policy (proxy.ts).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
