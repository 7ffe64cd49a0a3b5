import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP batch destination that only counts what it receives (receiver.ts keeps every request,
 * which would itself fill memory in a test of millions of rows).
 */
export async function startCountingReceiver() {
  const counts = { requests: 0, calls: 0, bytes: 0 };
  const server = createServer(async (req, res) => {
    let calls = 0;
    let tail = "";
    for await (const chunk of req) {
      const text = tail + (chunk as Buffer).toString("utf8");
      calls += text.match(/"messageId"/g)?.length ?? 0;
      tail = text.slice(-12); // a key split across chunks is counted with the next one
      calls -= tail.match(/"messageId"/g)?.length ?? 0;
      counts.bytes += (chunk as Buffer).length;
    }
    counts.calls += calls + (tail.match(/"messageId"/g)?.length ?? 0);
    counts.requests += 1;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"success":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
