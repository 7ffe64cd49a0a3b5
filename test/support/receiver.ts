import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
};

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** `index` counts every request the receiver has seen since start or the last reset(). */
export type Responder = (req: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export type Receiver = {
  url: string;
  requests: ReceivedRequest[];
  respondWith(r: Responder): void;
  reset(): void;
  stop(): Promise<void>;
};

const ok: Responder = () => ({ status: 200, body: { success: true } });

export async function startReceiver(respond: Responder = ok): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let responder = respond;

  const server = createServer(async (req, res) => {
    try {
      const received = await read(req);
      const index = requests.push(received) - 1;
      const reply = await responder(received, index);
      const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
      if (body) res.setHeader("content-type", typeof reply.body === "string" ? "text/plain" : "application/json");
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.writeHead(reply.status);
      res.end(body);
    } catch (error) {
      res.writeHead(599, { "content-type": "text/plain" });
      res.end(`receiver responder failed: ${String(error)}`);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(r) {
      responder = r;
    },
    reset() {
      requests.length = 0;
      responder = respond;
    },
    stop() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() alone waits for idle keep-alive sockets, which fetch leaves open.
        server.closeAllConnections();
      });
    },
  };
}

async function read(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { method: req.method ?? "", path: req.url ?? "", headers: { ...req.headers }, body, json };
}
