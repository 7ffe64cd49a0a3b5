import { createHash } from "node:crypto";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMariadb } from "./mariadb";
import type { StartedServer } from "./postgres";

// mysql2 is not a dependency, so this speaks just enough of the MySQL protocol
// (handshake v10 + mysql_native_password) to prove the user, password and database.
type Login = { serverVersion: string; reply: "ok" | "error"; errorCode?: number };

async function login(url: string): Promise<Login> {
  const { hostname, port, username, password, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  try {
    const next = packetReader(socket);
    const greeting = await next();
    expect(greeting[0]).toBe(10);
    const versionEnd = greeting.indexOf(0, 1);
    const serverVersion = greeting.subarray(1, versionEnd).toString();
    let at = versionEnd + 1 + 4; // skip connection id
    const scramble1 = greeting.subarray(at, at + 8);
    at += 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10; // filler, caps, charset, status, caps, auth length, reserved
    const scramble = Buffer.concat([scramble1, greeting.subarray(at, at + 12)]);

    const caps = 0x1 | 0x8 | 0x200 | 0x8000 | 0x80000; // long password, with db, protocol 41, secure conn, plugin auth
    const header = Buffer.alloc(32);
    header.writeUInt32LE(caps, 0);
    header.writeUInt32LE(1 << 24, 4);
    header[8] = 45; // utf8mb4
    const token = nativePassword(decodeURIComponent(password), scramble);
    const body = Buffer.concat([
      header, cstr(decodeURIComponent(username)), Buffer.from([token.length]), token,
      cstr(pathname.slice(1)), cstr("mysql_native_password"),
    ]);
    const packet = Buffer.alloc(4 + body.length);
    packet.writeUIntLE(body.length, 0, 3);
    packet[3] = 1;
    body.copy(packet, 4);
    socket.write(packet);

    const reply = await next();
    if (reply[0] === 0x00) return { serverVersion, reply: "ok" };
    if (reply[0] === 0xff) return { serverVersion, reply: "error", errorCode: reply.readUInt16LE(1) };
    throw new Error(`unexpected reply 0x${reply[0]?.toString(16)}`);
  } finally {
    socket.destroy();
  }
}

function nativePassword(password: string, scramble: Buffer): Buffer {
  const sha1 = (...parts: Buffer[]) => createHash("sha1").update(Buffer.concat(parts)).digest();
  const stage1 = sha1(Buffer.from(password));
  const mask = sha1(scramble, sha1(stage1));
  return Buffer.from(stage1.map((byte, i) => byte ^ (mask[i] ?? 0)));
}

const cstr = (s: string) => Buffer.from(`${s}\0`);

function packetReader(socket: Socket): () => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  socket.on("error", (error) => {
    failure = error;
    wake?.();
  });
  socket.on("close", () => {
    failure ??= new Error("connection closed");
    wake?.();
  });
  return async () => {
    for (;;) {
      if (buffered.length >= 4) {
        const length = buffered.readUIntLE(0, 3);
        if (buffered.length >= 4 + length) {
          const payload = buffered.subarray(4, 4 + length);
          buffered = buffered.subarray(4 + length);
          return payload;
        }
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
}

describe("startMariadb", () => {
  let server: StartedServer;

  beforeAll(async () => {
    server = await startMariadb();
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("lets tidewater log in to the app database over TCP", async () => {
    expect(server.url).toBe(`mysql://tidewater:tidewater-pass@127.0.0.1:${server.port}/app`);
    const result = await login(server.url);
    expect(result).toEqual({ serverVersion: expect.stringContaining("MariaDB"), reply: "ok" });
  });

  it("refuses a wrong password with access denied (1045)", async () => {
    const url = new URL(server.url);
    url.password = "wrong-pass";
    expect(await login(url.toString())).toMatchObject({ reply: "error", errorCode: 1045 });
  });

  it("refuses a database the user has no grant on (1044)", async () => {
    const url = new URL(server.url);
    url.pathname = "/mysql";
    expect(await login(url.toString())).toMatchObject({ reply: "error", errorCode: 1044 });
  });
});
