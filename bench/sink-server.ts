// The benchmark's destination, run as its own process so that it does not share the engine's event
// loop: answers 200 to POST /v1/batch after an optional latency and counts requests and calls.
//   GET /__stats → { requests, calls, bytes, cpuSeconds }   POST /__reset?latencyMs=50 → zeroes the counters
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

let latencyMs = 0;
let stats = { requests: 0, calls: 0, bytes: 0 };
let cpuAtReset = process.cpuUsage();
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage(cpuAtReset);
  return (user + system) / 1e6;
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://sink");
  if (req.method === "GET" && url.pathname === "/__stats") return void res.end(JSON.stringify({ ...stats, cpuSeconds: cpuSeconds() }));
  if (req.method === "POST" && url.pathname === "/__reset") {
    latencyMs = Number(url.searchParams.get("latencyMs") ?? 0);
    stats = { requests: 0, calls: 0, bytes: 0 };
    cpuAtReset = process.cpuUsage();
    return void res.end("{}");
  }
  if (req.method !== "POST" || url.pathname !== "/v1/batch") {
    res.writeHead(404);
    return void res.end();
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    stats.requests++;
    stats.bytes += body.length;
    stats.calls += countCalls(body, stats.requests);
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"success":true}');
    }, latencyMs);
  });
});

const MESSAGE_ID_KEY = Buffer.from('"messageId":');
/** Every call has one messageId key (the bench's rows have no such column): far cheaper than parsing. */
function countCalls(body: Buffer, request: number): number {
  let count = 0;
  for (let at = body.indexOf(MESSAGE_ID_KEY); at !== -1; at = body.indexOf(MESSAGE_ID_KEY, at + MESSAGE_ID_KEY.length)) count++;
  // A remote destination would not spend this machine's cores, so only one body in a hundred is parsed, to check the count.
  if (request % 100 === 1) {
    const parsed = (JSON.parse(body.toString("utf8")) as { batch: unknown[] }).batch.length;
    if (parsed !== count) throw new Error(`sink: counted ${count} calls in a body of ${parsed}`);
  }
  return count;
}

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => process.exit(0));
