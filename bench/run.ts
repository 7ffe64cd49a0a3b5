// `npm run bench`: throughput and memory of a sync end to end on this machine, against the targets.
// Starts its own PostgreSQL and an HTTP sink (a separate process), generates rows with
// generate_series, runs each measurement in a fresh process (bench/scenario.ts) and prints a table;
// the same figures go to bench/results/latest.json.
//   BENCH_SCALE=0.1   fewer rows (a quick check; the targets are for scale 1)
//   BENCH_PROFILE=1   instead of the table: CPU-profile the 1M-row engine run (and the baseline)
//                     into bench/results/profiles/ and print their top self-time functions
//   BENCH_TRACE_MEMORY=1  each scenario prints its heap, external and RSS figures as it runs
//   BENCH_ROUNDS=3    baseline, floor and full-load runs, in turn, whose medians make the ratios
//   BENCH_ONLY_FULL_LOAD=1  only those (a quick look at the ratios)
//   BENCH_ONLY_REALISTIC=1  only the realistic table's rows (naive pipeline, engine, 3M, diff);
//                     with BENCH_PROFILE=1, the profiles of one naive and one engine run
//   BENCH_ONLY_DISTRIBUTED=1  only the full load embedded and through a worker process, and scheduling
//   BENCH_PG_SNAPSHOT_30M=1  also change tracking with the snapshot in PostgreSQL at 30,000,000 ids
//                     (bench/pg-snapshot-scale.ts; takes many minutes)
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { bundleForNode } from "../scripts/build-worker.mjs";
import { startPostgres } from "../test/support/postgres";
import { measureScheduling, startWorkerFullLoad, type WorkerRunResult } from "./distributed";
import type { PgSnapshotScaleResult } from "./pg-snapshot-scale";
import { BENCH_SHARED_BUFFERS } from "./postgres-sizing";
import { measureRealistic, profileRealistic } from "./realistic";
import type { ScenarioInput, ScenarioResult } from "./scenario";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "bench", "results");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const profile = process.env.BENCH_PROFILE === "1";
const onlyFullLoad = process.env.BENCH_ONLY_FULL_LOAD === "1";
const onlyDistributed = process.env.BENCH_ONLY_DISTRIBUTED === "1";
const onlyRealistic = process.env.BENCH_ONLY_REALISTIC === "1";
const pgSnapshot30m = process.env.BENCH_PG_SNAPSHOT_30M === "1";
const rows = (n: number) => Math.max(1_000, Math.round(n * scale));

const TARGETS = { ratioToBaseline: 0.6, rowsPerSecond: 100_000, peakRssMiB: 300, diffSeconds: 15, workerToEmbedded: 0.95, schedulingP99Seconds: 5 };

const COLUMNS = `id AS "userId", email, first_name, last_name, plan, age, score, active, created_at, country, company, updated_at`;
const query = (n: number) => `SELECT ${COLUMNS} FROM bench_users WHERE id <= ${n}`;

type SinkStats = { requests: number; calls: number; bytes: number; cpuSeconds: number };
type Sink = { url: string; reset(latencyMs: number): Promise<void>; stats(): Promise<SinkStats>; stop(): void };

/**
 * The scenario runs compiled, as the app's code runs in production (`next build`'s server bundle,
 * `npm run build`'s worker): through tsx its process would hold ~35 MiB more from the start.
 */
function compileScenario(): Promise<string> {
  return bundleForNode(path.join(root, "bench", "scenario.ts"), path.join(resultsDir, "compiled"));
}

let scenarioFile: Promise<string> | undefined;

function tsxFork(file: string, args: string[], extraExecArgv: string[] = []) {
  return fork(path.join(root, file), args, { cwd: root, execArgv: ["--import", "tsx", ...extraExecArgv], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

async function startSink(): Promise<Sink> {
  const child = tsxFork("bench/sink-server.ts", []);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`sink exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async reset(latencyMs) {
      await fetch(`${url}/__reset?latencyMs=${latencyMs}`, { method: "POST" });
    },
    async stats() {
      return (await fetch(`${url}/__stats`)).json() as Promise<SinkStats>;
    },
    stop: () => child.kill(),
  };
}

async function runScenario(name: string, input: ScenarioInput): Promise<ScenarioResult> {
  // A diff scenario profiles its timed (second) run alone.
  const profileWhole = profile && input.kind !== "diff";
  const profiling = profileWhole ? ["--cpu-prof", `--cpu-prof-dir=${path.join(resultsDir, "profiles")}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  if (profile && input.kind === "diff") process.env.BENCH_PROFILE_DIFF_RUN = path.join(resultsDir, "profiles", `${name}.cpuprofile`);
  process.stderr.write(`… ${name}\n`);
  scenarioFile ??= compileScenario();
  const child = fork(await scenarioFile, [JSON.stringify(input)], { cwd: root, execArgv: profiling, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    let result: ScenarioResult | undefined;
    child.on("message", (message) => (result = message as ScenarioResult));
    // Resolve on exit, so the profile is written before the next scenario starts.
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`${name} exited with ${code}`))));
  });
}

/** Change tracking with the snapshot in PostgreSQL: a load run, then a diff run (its own process). */
function runPgSnapshotScale(postgresUrl: string, identifiers: number): Promise<PgSnapshotScaleResult> {
  process.stderr.write(`… change tracking, PostgreSQL snapshot, ${identifiers.toLocaleString("en-US")} ids\n`);
  const child = fork(path.join(root, "bench/pg-snapshot-scale.ts"), [String(identifiers), "0.01"], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_POSTGRES_URL: postgresUrl },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let result: PgSnapshotScaleResult | undefined;
    child.on("message", (message) => (result = message as PgSnapshotScaleResult));
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`pg-snapshot-scale exited with ${code}`))));
  });
}

/** The table's rows for one PostgreSQL snapshot measurement. */
function pgSnapshotRows(label: string, result: PgSnapshotScaleResult, target: boolean): (string | number)[][] {
  const { identifiers, load, diff } = result;
  const perSecondOf = (seconds: number) => Math.round(identifiers / seconds);
  const diffMet = diff.seconds < TARGETS.diffSeconds;
  return [
    [`${label}: load run (all new)`, identifiers, load.seconds, load.cpuSeconds, perSecondOf(load.seconds), "", "", "", ""],
    [`${label}: diff run, 1% changed`, identifiers, diff.seconds, diff.cpuSeconds, perSecondOf(diff.seconds), "", "", target ? "<15 s" : "", target ? met(diffMet) : ""],
    [`   PostgreSQL CPU s (load, diff); table + index MiB`, "", "", `${load.serverCpuSeconds.toFixed(1)}, ${diff.serverCpuSeconds.toFixed(1)}`, "", mib(result.tableBytes + result.indexBytes), "", "", ""],
  ];
}

async function generateRows(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      DROP TABLE IF EXISTS bench_users;
      CREATE TABLE bench_users (
        id bigint PRIMARY KEY, email text, first_name text, last_name text, plan text, age int, score numeric(10, 2),
        active boolean, created_at timestamptz, country text, company text, updated_at timestamp
      );
      INSERT INTO bench_users
      SELECT g, 'user' || g || '@example.com', 'First' || (g % 1000), 'Last' || (g % 5000),
        (ARRAY['free', 'pro', 'enterprise'])[1 + g % 3], 18 + g % 60, (g % 10000) / 100.0, g % 2 = 0,
        timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', (ARRAY['GB', 'US', 'DE', 'FR', 'JP'])[1 + g % 5],
        'Company ' || (g % 20000), timestamp '2026-06-01 00:00:00' + g * interval '1 second'
      FROM generate_series(1, ${count}) AS g;
      ANALYZE bench_users;
    `);
  } finally {
    await client.end();
  }
}

const HEADER = ["measurement", "rows", "seconds", "CPU s", "rows/s", "peak RSS MiB", "RSS at start", "target", "met"];
const RATIO_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The run of median speed (the middle one of an odd number). */
function median<T extends Timed>(results: T[]): T {
  return [...results].sort((a, b) => perSecond(a) - perSecond(b))[Math.floor(results.length / 2)];
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
type Timed = { rows: number; seconds: number };
const perSecond = (result: Timed) => Math.round(result.rows / result.seconds);

async function main() {
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
  const full = rows(1_000_000);
  const small = rows(100_000);
  const large = profile || onlyFullLoad || onlyDistributed ? full : rows(3_000_000);
  // Room for the distributed rows' web and worker processes (pools, pg-boss, advisory locks).
  const [postgres, sink] = await Promise.all([startPostgres({ maxConnections: 400, sharedBuffers: BENCH_SHARED_BUFFERS }), startSink()]);
  try {
    const realisticOptions = { postgresUrl: postgres.url, sink, runScenario, rounds: RATIO_ROUNDS, rows };
    const realistic = () => measureRealistic(realisticOptions);
    if (onlyRealistic && profile) {
      await profileRealistic(realisticOptions);
      for (const name of ["naive-realistic-1m", "engine-realistic-1m"]) {
        const summary = tsxFork("bench/profile-summary.ts", [path.join(resultsDir, "profiles", `${name}.cpuprofile`), "40"]);
        await new Promise((resolve) => summary.on("exit", resolve));
      }
      return;
    }
    if (onlyRealistic) {
      const { table, results } = await realistic();
      printTable([HEADER, ...table]);
      console.log(`rows/s of each round: naive ${results.rounds.naive.join(", ")}; engine ${results.rounds.engine.join(", ")}; diff run seconds ${results.rounds.diffSeconds.map((seconds) => seconds.toFixed(1)).join(", ")}`);
      return;
    }
    process.stderr.write(`… generating ${large.toLocaleString("en-US")} rows × 12 columns\n`);
    const started = performance.now();
    await generateRows(postgres.url, large);
    const generateSeconds = (performance.now() - started) / 1000;

    const engineRun = async (name: string, count: number, latencyMs = 0) => {
      await sink.reset(latencyMs);
      const result = await runScenario(name, { kind: "engine", postgresUrl: postgres.url, sql: query(count), sinkUrl: sink.url });
      const received = await sink.stats();
      if (received.calls !== result.rows) throw new Error(`${name}: the sink got ${received.calls} calls for ${result.rows} rows sent`);
      return { ...result, sink: received };
    };

    // This machine's speed wanders from one second to the next (shared cores): the ratios compare
    // the medians of several baseline and engine runs, taken in turn.
    const bares = [];
    const floors = [];
    const fullLoads: Awaited<ReturnType<typeof engineRun>>[] = [];
    const workerLoads: WorkerRunResult[] = [];
    const rates = (results: ScenarioResult[]) => results.map(perSecond).join(", ");
    // The same full load through a worker process of the distributed mode, in the same rounds.
    const workerFullLoad = profile || onlyFullLoad ? undefined : await startWorkerFullLoad(postgres, postgres.url, sink, query(full));
    try {
      for (let round = 0; round < (profile ? 1 : RATIO_ROUNDS); round++) {
        if (!onlyDistributed) bares.push(await runScenario("baseline-1m", { kind: "baseline", postgresUrl: postgres.url, sql: query(full), typeParsers: "pg" }));
        if (!profile && !onlyDistributed) floors.push(await runScenario("floor-1m", { kind: "baseline", postgresUrl: postgres.url, sql: query(full), typeParsers: "tidewater" }));
        fullLoads.push(await engineRun("engine-1m", full));
        if (workerFullLoad) {
          process.stderr.write("… worker-1m\n");
          workerLoads.push(await workerFullLoad.runOnce());
        }
      }
    } finally {
      await workerFullLoad?.stop();
    }
    const workerLoad = workerLoads.length ? median(workerLoads) : undefined;
    const distributedRows = async () => {
      process.stderr.write("… scheduling, syncs due at once on 2 workers\n");
      const scheduling = await measureScheduling(postgres, sink);
      const workerRatio = perSecond(workerLoad!) / perSecond(median(fullLoads));
      const table = [
        ["6. full load through a pg-boss worker process", workerLoad!.rows, workerLoad!.seconds, workerLoad!.cpuSeconds, perSecond(workerLoad!), mib(workerLoad!.peakRssBytes), "", "", ""],
        ["   ratio to embedded (1.)", "", "", "", workerRatio.toFixed(2), "", "", `≥${TARGETS.workerToEmbedded}`, met(workerRatio >= TARGETS.workerToEmbedded)],
        [`7. scheduling: ${scheduling.syncs.toLocaleString("en-US")} syncs due at once, ${scheduling.workers} workers: due → started p50`, "", scheduling.p50Seconds, "", "", "", "", "", ""],
        ["   due → started p99", "", scheduling.p99Seconds, "", "", "", "", `<${TARGETS.schedulingP99Seconds} s`, met(scheduling.p99Seconds < TARGETS.schedulingP99Seconds)],
        ["   due → last run finished", "", scheduling.allDoneSeconds, "", "", "", "", "", ""],
        ["   one run, started → finished (p50)", "", scheduling.runP50Seconds, "", "", "", "", "", ""],
      ];
      return { table, scheduling, workerLoad: { ...workerLoad!, rounds: workerLoads.map(perSecond), rowsPerSecond: perSecond(workerLoad!), ratioToEmbedded: workerRatio } };
    };
    if (onlyDistributed) {
      const { table, scheduling, workerLoad: worker } = await distributedRows();
      const embedded = median(fullLoads);
      printTable([
        HEADER,
        ["1. full load, identify, engine end to end", embedded.rows, embedded.seconds, embedded.cpuSeconds, perSecond(embedded), mib(embedded.peakRssBytes), mib(embedded.rssAtStartBytes), "", ""],
        ...table,
      ]);
      console.log(`rows/s of each round: embedded ${rates(fullLoads)}; worker ${worker.rounds.join(", ")}`);
      console.log(JSON.stringify({ scheduling }));
      return;
    }
    const baseline = median(bares);
    const fullLoad = median(fullLoads);
    if (profile) {
      console.log(`baseline ${perSecond(baseline)} rows/s, engine ${perSecond(fullLoad)} rows/s (both profiled)`);
      for (const name of ["baseline-1m", "engine-1m"]) {
        const summary = tsxFork("bench/profile-summary.ts", [path.join(resultsDir, "profiles", `${name}.cpuprofile`), "30"]);
        await new Promise((resolve) => summary.on("exit", resolve));
      }
      return;
    }
    const floor = median(floors);
    const ratio = perSecond(fullLoad) / perSecond(baseline);
    const floorRatio = perSecond(fullLoad) / perSecond(floor);
    if (onlyFullLoad) {
      console.log(`rows/s of each round: baseline ${rates(bares)}; floor ${rates(floors)}; engine ${rates(fullLoads)}`);
      console.log(
        `median: engine ${perSecond(fullLoad)} rows/s (${fullLoad.cpuSeconds.toFixed(1)} CPU s, peak RSS ${mib(fullLoad.peakRssBytes)} MiB; the sink used ${fullLoad.sink.cpuSeconds.toFixed(1)} CPU s), ` +
          `ratio ${ratio.toFixed(2)} to the baseline, ${floorRatio.toFixed(2)} to the floor`,
      );
      return;
    }
    const small100k = await engineRun("engine-100k", small);
    const large3m = await engineRun("engine-3m", large);
    const slow = await engineRun("engine-1m-slow-50ms", full, 50);
    await sink.reset(0);
    const diff = await runScenario("diff-1m", {
      kind: "diff",
      postgresUrl: postgres.url,
      sql: query(full),
      sinkUrl: sink.url,
      changeSql: `UPDATE bench_users SET plan = plan || '-v2' WHERE id <= ${full} AND id % 100 = 0`,
    });
    const diffDetail = diff.detail as { rowsSent: number; rowsChangedAtSource: number; firstRun: { rowsSent: number } };
    const diffSink = await sink.stats();
    if (diffSink.calls !== diffDetail.firstRun.rowsSent + diffDetail.rowsSent) throw new Error(`diff-1m: the sink got ${diffSink.calls} calls for ${diffDetail.firstRun.rowsSent} + ${diffDetail.rowsSent} rows sent`);
    if (diffDetail.rowsSent !== diffDetail.rowsChangedAtSource) throw new Error(`diff-1m: ${diffDetail.rowsSent} rows sent for ${diffDetail.rowsChangedAtSource} changed`);

    const pgSnapshot = await runPgSnapshotScale(postgres.url, full);
    const pgSnapshotLarge = pgSnapshot30m ? await runPgSnapshotScale(postgres.url, 30_000_000) : undefined;

    const table = [
      HEADER,
      ["bare pg cursor + JSON.stringify (baseline)", baseline.rows, baseline.seconds, baseline.cpuSeconds, perSecond(baseline), mib(baseline.peakRssBytes), mib(baseline.rssAtStartBytes), "", ""],
      ["… with Tidewater's type parsers (floor)", floor.rows, floor.seconds, floor.cpuSeconds, perSecond(floor), mib(floor.peakRssBytes), mib(floor.rssAtStartBytes), "", ""],
      ["1. full load, identify, engine end to end", fullLoad.rows, fullLoad.seconds, fullLoad.cpuSeconds, perSecond(fullLoad), mib(fullLoad.peakRssBytes), mib(fullLoad.rssAtStartBytes), "≥100k rows/s, <300 MiB", met(perSecond(fullLoad) >= TARGETS.rowsPerSecond && mib(fullLoad.peakRssBytes) < TARGETS.peakRssMiB)],
      ["   ratio to baseline", "", "", "", ratio.toFixed(2), "", "", "≥0.60", met(ratio >= TARGETS.ratioToBaseline)],
      ["   ratio to floor", "", "", "", floorRatio.toFixed(2), "", "", "", ""],
      ["2. flat memory, 100k rows", small100k.rows, small100k.seconds, small100k.cpuSeconds, perSecond(small100k), mib(small100k.peakRssBytes), mib(small100k.rssAtStartBytes), "<300 MiB", met(mib(small100k.peakRssBytes) < TARGETS.peakRssMiB)],
      ["2. flat memory, 3M rows", large3m.rows, large3m.seconds, large3m.cpuSeconds, perSecond(large3m), mib(large3m.peakRssBytes), mib(large3m.rssAtStartBytes), "<300 MiB", met(mib(large3m.peakRssBytes) < TARGETS.peakRssMiB)],
      ["3. change tracking, engine: diff run, 1% changed", diff.rows, diff.seconds, diff.cpuSeconds, perSecond(diff), mib(diff.peakRssBytes), mib(diff.rssAtStartBytes), "<15 s", met(diff.seconds < TARGETS.diffSeconds)],
      ["   rows sent by the diff run", diffDetail.rowsSent, "", "", "", "", "", "", ""],
      ["4. slow destination (50 ms/request), concurrency 4", slow.rows, slow.seconds, slow.cpuSeconds, perSecond(slow), mib(slow.peakRssBytes), mib(slow.rssAtStartBytes), "", ""],
      ...pgSnapshotRows("5. change-tracking diff, PostgreSQL snapshot", pgSnapshot, true),
      ...(pgSnapshotLarge ? pgSnapshotRows("5. … at 30M ids", pgSnapshotLarge, false) : []),
    ];
    const distributed = await distributedRows();
    const realisticRows = await realistic();
    printTable([...table, ...distributed.table, ...realisticRows.table]);

    const results = {
      generatedAt: new Date().toISOString(),
      scale,
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      targets: TARGETS,
      generateSeconds,
      rounds: { baseline: bares.map(perSecond), floor: floors.map(perSecond), fullLoad: fullLoads.map(perSecond) },
      baseline: { ...baseline, rowsPerSecond: perSecond(baseline) },
      floor: { ...floor, rowsPerSecond: perSecond(floor) },
      fullLoad: { ...fullLoad, rowsPerSecond: perSecond(fullLoad), ratioToBaseline: ratio, ratioToFloor: floorRatio },
      flatMemory: { rows100k: small100k, rows3m: large3m },
      changeTracking: { ...diff, sink: diffSink },
      slowDestination: { latencyMs: 50, concurrency: 4, ...slow, rowsPerSecond: perSecond(slow) },
      workerFullLoad: distributed.workerLoad,
      scheduling: distributed.scheduling,
      pgSnapshot: { ids1m: pgSnapshot, ids30m: pgSnapshotLarge },
      realistic: realisticRows.results,
    };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote bench/results/latest.json (load average ${machine.loadAverageAtStart.map((n) => n.toFixed(1)).join(" ")} at start)`);
  } finally {
    sink.stop();
    await postgres.stop();
  }
}

function met(ok: boolean) {
  return ok ? "yes" : "NO";
}

function printTable(table: (string | number)[][]) {
  const cells = table.map((row) => row.map((cell) => (typeof cell === "number" ? (Number.isInteger(cell) ? cell.toLocaleString("en-US") : cell.toFixed(1)) : cell)));
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  for (const [index, row] of cells.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
