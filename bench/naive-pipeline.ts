// The pipeline a data engineer would write in an afternoon, which issue 15 measures the engine
// against: a pg cursor of 1,000 array rows (pg's own type parsers), one identify call per row with
// a simple messageId, JSON.stringify, 500 KB batches POSTed with fetch, 4 requests in flight.
import pg from "pg";
import Cursor from "pg-cursor";

const PAGE_ROWS = 1_000;
const BATCH_BYTES = 500_000;
const IN_FLIGHT = 4;

export async function naivePipeline(postgresUrl: string, sql: string, sinkUrl: string, onStart: () => void) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const inFlight = new Set<Promise<void>>();
  let requests = 0;
  const post = async (calls: string[]) => {
    const response = await fetch(`${sinkUrl}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("wk_naive:").toString("base64")}` },
      body: `{"batch":[${calls.join(",")}]}`,
    });
    if (!response.ok) throw new Error(`sink answered ${response.status}`);
    await response.arrayBuffer();
  };
  const send = async (calls: string[]) => {
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    requests++;
    const request = post(calls).finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  try {
    await client.query("BEGIN READ ONLY");
    onStart();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const cursor = client.query(new Cursor(sql, [], { rowMode: "array" }));
    let columns: string[] | undefined;
    let rows = 0;
    let batch: string[] = [];
    let batchBytes = 0;
    const timestamp = new Date().toISOString();
    for (;;) {
      const { page, fields } = await readPage(cursor);
      if (page.length === 0) break;
      columns ??= fields.map((field) => field.name);
      for (const row of page) {
        const traits: Record<string, unknown> = {};
        for (let column = 1; column < columns.length; column++) traits[columns[column]] = row[column];
        const userId = String(row[0]);
        const call = JSON.stringify({ type: "identify", userId, traits, messageId: `naive-${userId}`, timestamp });
        if (batchBytes + call.length > BATCH_BYTES && batch.length > 0) {
          await send(batch);
          batch = [];
          batchBytes = 0;
        }
        batch.push(call);
        batchBytes += call.length + 1;
      }
      rows += page.length;
    }
    if (batch.length > 0) await send(batch);
    await Promise.all(inFlight);
    await cursor.close();
    const { user, system } = process.cpuUsage(cpu);
    return { rows, seconds: (performance.now() - started) / 1000, cpuSeconds: (user + system) / 1e6, detail: { requests } };
  } finally {
    await client.end();
  }
}

function readPage(cursor: Cursor) {
  return new Promise<{ page: unknown[][]; fields: { name: string }[] }>((resolve, reject) =>
    cursor.read(PAGE_ROWS, (error, page, result) => (error ? reject(error) : resolve({ page, fields: result.fields }))),
  );
}
