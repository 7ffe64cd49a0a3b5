"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { TDryRunCounts, TDryRunEvent, TDryRunLine } from "@/lib/engine/dry-run-events";

type TCall = Extract<TDryRunEvent, { type: "call" }>;
type TInvalid = Extract<TDryRunEvent, { type: "invalid" }>;

export type TDryRunState = {
  status: "idle" | "running" | "finished" | "failed";
  counts: TDryRunCounts | null;
  changeTracking: boolean;
  calls: TCall[];
  invalid: TInvalid[];
  error: string | null;
};

const IDLE: TDryRunState = { status: "idle", counts: null, changeTracking: false, calls: [], invalid: [], error: null };

/** The state after one line of a dry run's reply. */
export function applyDryRunLine(state: TDryRunState, line: TDryRunLine): TDryRunState {
  switch (line.type) {
    case "progress": {
      const { type: _, ...counts } = line;
      return { ...state, counts };
    }
    case "call":
      return { ...state, calls: [...state.calls, line] };
    case "invalid":
      return { ...state, invalid: [...state.invalid, line] };
    case "summary": {
      const { type: _, changeTracking, ...counts } = line;
      return { ...state, status: "finished", counts, changeTracking };
    }
    case "error":
      return { ...state, status: "failed", error: line.message };
  }
}

/**
 * Starts a dry run (POST `url`, with `body` for an unsaved sync) and follows its NDJSON reply line by
 * line as it streams in. Starting again, or leaving the page, stops the one going.
 */
export function useDryRun(url: string) {
  const [state, setState] = useState<TDryRunState>(IDLE);
  const going = useRef<AbortController | null>(null);
  useEffect(() => () => going.current?.abort(), []);

  const start = useCallback(
    async (body?: unknown) => {
      going.current?.abort();
      const abort = (going.current = new AbortController());
      setState({ ...IDLE, status: "running" });
      try {
        const response = await fetch(url, {
          method: "POST",
          signal: abort.signal,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok || !response.body) {
          const json = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
          const fields = Object.values(json?.error?.fields ?? {}).flat();
          setState({ ...IDLE, status: "failed", error: [json?.error?.message ?? response.statusText, ...fields].join(" ") });
          return;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = "";
        let ended = false;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          const parsed = lines.filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as TDryRunLine);
          if (parsed.some((line) => line.type === "summary" || line.type === "error")) ended = true;
          setState((current) => parsed.reduce(applyDryRunLine, current));
        }
        if (!ended) setState((current) => ({ ...current, status: "failed", error: "The dry run stopped before it finished." }));
      } catch (error) {
        if (abort.signal.aborted) return;
        setState((current) => ({ ...current, status: "failed", error: error instanceof Error ? error.message : String(error) }));
      }
    },
    [url],
  );

  const stop = useCallback(() => {
    going.current?.abort();
    setState((current) => (current.status === "running" ? { ...current, status: "idle" } : current));
  }, []);

  return { state, start, stop };
}
