// Issue 15's rows of `npm run bench`: on the realistic table, the naive pipeline a data engineer
// would write and the engine, in turn; the engine's peak RSS at 1M and 3M rows; the 1 %-changed diff
// of 1M ids against the full load of the same rows.
import type { ScenarioInput, ScenarioResult } from "./scenario";
import { generateRealisticRows, REALISTIC_TABLE, realisticQuery } from "./realistic-table";

export const REALISTIC_TARGETS = { ratioToNaive: 1.3, peakRssMiB: 200, diffToLoad: 0.6 };

type SinkStats = { calls: number };
type Sink = { url: string; reset(latencyMs: number): Promise<void>; stats(): Promise<SinkStats> };
type RunScenario = (name: string, input: ScenarioInput) => Promise<ScenarioResult>;
type Options = { postgresUrl: string; sink: Sink; runScenario: RunScenario; rounds: number; rows: (n: number) => number };

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const perSecond = (result: { rows: number; seconds: number }) => Math.round(result.rows / result.seconds);
const met = (ok: boolean) => (ok ? "yes" : "NO");
const medianBy = <T>(results: T[], key: (result: T) => number) => [...results].sort((a, b) => key(a) - key(b))[Math.floor(results.length / 2)];

async function prepare({ postgresUrl, sink, runScenario }: Options, rows: number) {
  process.stderr.write(`… generating ${rows.toLocaleString("en-US")} realistic rows (jsonb, numeric, timestamptz, NULLs)\n`);
  await generateRealisticRows(postgresUrl, rows);
  const checked = async (name: string, input: ScenarioInput) => {
    await sink.reset(0);
    const result = await runScenario(name, input);
    const received = await sink.stats();
    if (received.calls !== result.rows) throw new Error(`${name}: the sink got ${received.calls} calls for ${result.rows} rows`);
    return result;
  };
  return { checked, target: { postgresUrl, sinkUrl: sink.url } };
}

/** One naive, one engine and one diff run of 1M rows (for BENCH_PROFILE=1). */
export async function profileRealistic(options: Options) {
  const full = options.rows(1_000_000);
  const { checked, target } = await prepare(options, full);
  await checked("naive-realistic-1m", { kind: "naive", ...target, sql: realisticQuery(full) });
  await checked("engine-realistic-1m", { kind: "engine", ...target, sql: realisticQuery(full) });
  await options.sink.reset(0);
  await options.runScenario("diff-realistic-1m", diffInput(target, full));
}

const diffInput = (target: { postgresUrl: string; sinkUrl: string }, rows: number): ScenarioInput => ({
  kind: "diff",
  ...target,
  sql: realisticQuery(rows),
  changeSql: `UPDATE ${REALISTIC_TABLE} SET logins = logins + 1 WHERE id <= ${rows} AND id % 100 = 0`,
});

export async function measureRealistic(options: Options) {
  const { postgresUrl, sink, runScenario, rounds, rows } = options;
  const full = rows(1_000_000);
  const large = rows(3_000_000);
  const { checked, target } = await prepare(options, large);
  const naives: ScenarioResult[] = [];
  const engines: ScenarioResult[] = [];
  for (let round = 0; round < rounds; round++) {
    naives.push(await checked("naive-realistic-1m", { kind: "naive", ...target, sql: realisticQuery(full) }));
    engines.push(await checked("engine-realistic-1m", { kind: "engine", ...target, sql: realisticQuery(full) }));
  }
  const engine3m = await checked("engine-realistic-3m", { kind: "engine", ...target, sql: realisticQuery(large) });
  const diffs: ScenarioResult[] = [];
  for (let round = 0; round < rounds; round++) {
    await sink.reset(0);
    diffs.push(await runScenario("diff-realistic-1m", diffInput(target, full)));
  }
  const diff = medianBy(diffs, (result) => result.seconds);
  const naive = medianBy(naives, perSecond);
  const engine = medianBy(engines, perSecond);
  const diffLoad = (diff.detail as { firstRun: { seconds: number } }).firstRun.seconds;
  const ratio = perSecond(engine) / perSecond(naive);
  const diffRatio = diff.seconds / engine.seconds;
  const row = (label: string, result: ScenarioResult) => [label, result.rows, result.seconds, result.cpuSeconds, perSecond(result), mib(result.peakRssBytes), mib(result.rssAtStartBytes)];
  const table = [
    row("8. realistic table: naive pipeline (cursor, stringify, fetch)", naive).concat("", ""),
    row("   engine end to end", engine).concat(`≤${REALISTIC_TARGETS.peakRssMiB} MiB`, met(engine.peakRssBytes <= REALISTIC_TARGETS.peakRssMiB * 2 ** 20)),
    ["   ratio to the naive pipeline", "", "", "", ratio.toFixed(2), "", "", `≥${REALISTIC_TARGETS.ratioToNaive}`, met(ratio >= REALISTIC_TARGETS.ratioToNaive)],
    row("   engine, 3M rows", engine3m).concat(`≤${REALISTIC_TARGETS.peakRssMiB} MiB`, met(engine3m.peakRssBytes <= REALISTIC_TARGETS.peakRssMiB * 2 ** 20)),
    row(`   diff run, 1% changed (median of ${rounds})`, diff).concat("", ""),
    ["   diff run ÷ full load (same rows, same run)", "", diffRatio.toFixed(2), "", "", "", "", `≤${REALISTIC_TARGETS.diffToLoad}`, met(diffRatio <= REALISTIC_TARGETS.diffToLoad)],
    ["   (÷ that sync's own first run, which loads every row and fills the snapshot)", "", (diff.seconds / diffLoad).toFixed(2), "", "", "", "", "", ""],
  ];
  const results = {
    rounds: { naive: naives.map(perSecond), engine: engines.map(perSecond), diffSeconds: diffs.map((result) => result.seconds) },
    naive,
    engine,
    engine3m,
    diff,
    ratioToNaive: ratio,
    diffToFullLoad: diffRatio,
    diffFirstRunSeconds: diffLoad,
  };
  return { table, results };
}
