"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders a server page every second while its run is in progress. */
export function RunRefresher() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1_000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
