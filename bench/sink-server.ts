// The benchmark's destination, run as its own process so that it does not share the engine's event
// loop: answers 200 to POST /v1/batch after an optional latency and counts requests and calls.
//   GET /__stats → { requests, calls, bytes }   POST /__reset?latencyMs=50 → zeroes the counters
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

let latencyMs = 0;
let stats = { requests: 0, calls: 0, bytes: 0 };

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://sink");
  if (req.method === "GET" && url.pathname === "/__stats") return void res.end(JSON.stringify(stats));
  if (req.method === "POST" && url.pathname === "/__reset") {
    latencyMs = Number(url.searchParams.get("latencyMs") ?? 0);
    stats = { requests: 0, calls: 0, bytes: 0 };
    return void res.end("{}");
  }
  if (req.method !== "POST" || url.pathname !== "/v1/batch") {
    res.writeHead(404);
    return void res.end();
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    stats.requests++;
    stats.bytes += body.length;
    stats.calls += (JSON.parse(body) as { batch: unknown[] }).batch.length;
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"success":true}');
    }, latencyMs);
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => process.exit(0));
