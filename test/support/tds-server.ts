// A fake SQL Server: just enough of the TDS 7.4 protocol (pre-login, LOGIN7, SQL batches, attention)
// for the real mssql/tedious driver to log in and stream scripted results over loopback. No npm
// package provides a TDS server side, so this is written from the protocol spec ([MS-TDS]).
import { createServer, type AddressInfo, type Socket } from "node:net";

export type TdsType =
  | "int" | "bigint" | "bit" | "float" | "decimal" | "nvarchar" | "varbinary" | "uniqueidentifier"
  | "date" | "time" | "datetime2" | "datetimeoffset";

export type TdsColumn = { name: string; type: TdsType; precision?: number; scale?: number };

/** Values: numbers/strings/booleans/Buffers/bigints as the type wants; dates as Date (UTC). */
export type TdsReply =
  | { columns: TdsColumn[]; rows: Iterable<unknown[]> }
  | { error: { number: number; message: string; severity?: number } }
  /** Sends nothing until the client sends an attention (cancel). */
  | { hang: true }
  | { done: true };

export type TdsServerOptions = {
  logins: Record<string, string>;
  databases: string[];
  /** Answers pre-login with ENCRYPT_REQ, as a server that requires TLS does. */
  requireEncryption?: boolean;
  respond(sql: string): TdsReply;
};

export type FakeTds = {
  port: number;
  batches: string[];
  /** Attention packets received: a cancel from the driver. */
  attentions: number;
  /** Queries that are running (hung, not yet cancelled). */
  running: number;
  stop(): Promise<void>;
};

const PACKET_SIZE = 4096;
const TYPE = { SQL_BATCH: 0x01, RPC: 0x03, REPLY: 0x04, ATTENTION: 0x06, LOGIN7: 0x10, PRELOGIN: 0x12 };
const TOKEN = { COLMETADATA: 0x81, ERROR: 0xaa, LOGINACK: 0xad, ROW: 0xd1, ENVCHANGE: 0xe3, DONE: 0xfd };
const DONE = { FINAL: 0x00, ERROR: 0x02, COUNT: 0x10, ATTN: 0x20 };
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]); // Latin1_General_CI_AS

export async function startFakeTds(options: TdsServerOptions): Promise<FakeTds> {
  const state: FakeTds = { port: 0, batches: [], attentions: 0, running: 0, stop: async () => {} };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    serve(socket, options, state);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.stop = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

function serve(socket: Socket, options: TdsServerOptions, state: FakeTds) {
  let buffered = Buffer.alloc(0);
  let message: Buffer[] = [];
  let hung = false;
  // While a result is being sent, an attention stops it between packets (see sendResult).
  const sending = { active: false, attention: false };
  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8 && buffered.length >= buffered.readUInt16BE(2)) {
      const length = buffered.readUInt16BE(2);
      const type = buffered[0];
      const last = (buffered[1] & 0x01) === 1;
      message.push(buffered.subarray(8, length));
      buffered = buffered.subarray(length);
      if (!last) continue;
      const payload = Buffer.concat(message);
      message = [];
      if (type === TYPE.ATTENTION) {
        state.attentions += 1;
        if (sending.active) {
          sending.attention = true;
          continue;
        }
        if (hung) {
          // End the response in progress, then acknowledge the attention in a message of its own.
          hung = false;
          state.running -= 1;
          void send(socket, done(DONE.FINAL, 0));
        }
        void send(socket, done(DONE.ATTN, 0));
        continue;
      }
      void handle(type, payload);
    }
  });

  async function handle(type: number, payload: Buffer) {
    if (type === TYPE.PRELOGIN) return send(socket, prelogin(options.requireEncryption ? 0x03 : 0x02));
    if (type === TYPE.LOGIN7) return send(socket, login(payload, options));
    if (type !== TYPE.SQL_BATCH) {
      return send(socket, Buffer.concat([error(2812, "The fake server only takes SQL batches.", 16), done(DONE.ERROR, 0)]));
    }
    const sql = payload.subarray(payload.readUInt32LE(0)).toString("utf16le");
    state.batches.push(sql);
    const reply = options.respond(sql);
    if ("hang" in reply) {
      hung = true;
      state.running += 1;
      return;
    }
    if ("done" in reply) return send(socket, done(DONE.FINAL, 0));
    if ("error" in reply) return send(socket, Buffer.concat([error(reply.error.number, reply.error.message, reply.error.severity ?? 16), done(DONE.ERROR, 0)]));
    sending.active = true;
    await sendResult(socket, reply.columns, reply.rows, () => sending.attention);
    if (sending.attention) await send(socket, done(DONE.ATTN, 0));
    sending.active = false;
    sending.attention = false;
  }
}

async function sendResult(socket: Socket, columns: TdsColumn[], rows: Iterable<unknown[]>, cancelled: () => boolean) {
  let chunk: Buffer[] = [colMetadata(columns)];
  let size = chunk[0].length;
  let count = 0;
  for (const row of rows) {
    const encoded = Buffer.concat([Buffer.from([TOKEN.ROW]), ...row.map((value, index) => encodeValue(columns[index], value))]);
    chunk.push(encoded);
    size += encoded.length;
    count += 1;
    if (size > 64 * 1024) {
      // A real server stops writing while the client is not reading: wait for the socket to drain.
      await send(socket, Buffer.concat(chunk), false);
      chunk = [];
      size = 0;
      if (cancelled()) break;
    }
  }
  chunk.push(done(DONE.COUNT, count));
  await send(socket, Buffer.concat(chunk));
}

/** Splits a reply into packets; `last` marks the end of the message. Resolves once the socket drains. */
function send(socket: Socket, data: Buffer, last = true): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  const body = PACKET_SIZE - 8;
  let ok = true;
  for (let at = 0; at < data.length || (at === 0 && data.length === 0); at += body) {
    const part = data.subarray(at, at + body);
    const header = Buffer.alloc(8);
    header[0] = TYPE.REPLY;
    header[1] = last && at + body >= data.length ? 0x01 : 0x00;
    header.writeUInt16BE(8 + part.length, 2);
    header[6] = 1;
    ok = socket.write(Buffer.concat([header, part]));
    if (data.length === 0) break;
  }
  return ok ? Promise.resolve() : new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
}

function prelogin(encryption: number): Buffer {
  const options = [
    [0x00, Buffer.from([16, 0, 0x10, 0x00, 0, 0])], // VERSION 16.0.4096
    [0x01, Buffer.from([encryption])],
    [0x02, Buffer.from([0])],
    [0x03, Buffer.alloc(4)],
    [0x04, Buffer.from([0])],
  ] as const;
  const headerLength = options.length * 5 + 1;
  const header = Buffer.alloc(headerLength);
  let offset = headerLength;
  options.forEach(([token, data], index) => {
    header[index * 5] = token;
    header.writeUInt16BE(offset, index * 5 + 1);
    header.writeUInt16BE(data.length, index * 5 + 3);
    offset += data.length;
  });
  header[headerLength - 1] = 0xff;
  return Buffer.concat([header, ...options.map(([, data]) => data)]);
}

function login(payload: Buffer, options: TdsServerOptions): Buffer {
  const field = (at: number) => payload.subarray(payload.readUInt16LE(at), payload.readUInt16LE(at) + payload.readUInt16LE(at + 2) * 2);
  const user = field(40).toString("utf16le");
  // LOGIN7 passwords are obfuscated: each byte has its nibbles swapped, then XOR 0xA5.
  const password = Buffer.from(field(44).map((byte) => {
    const b = byte ^ 0xa5;
    return ((b & 0x0f) << 4) | (b >> 4);
  })).toString("utf16le");
  const database = field(68).toString("utf16le");
  if (options.logins[user] === undefined || options.logins[user] !== password) {
    return Buffer.concat([error(18456, `Login failed for user '${user}'.`, 14), done(DONE.ERROR, 0)]);
  }
  if (database && !options.databases.includes(database)) {
    return Buffer.concat([
      error(4060, `Cannot open database "${database}" requested by the login. The login failed.`, 11),
      error(18456, `Login failed for user '${user}'.`, 14),
      done(DONE.ERROR, 0),
    ]);
  }
  const progName = bVarChar("Microsoft SQL Server");
  const ack = Buffer.concat([Buffer.from([1]), Buffer.from([0x74, 0x00, 0x00, 0x04]), progName, Buffer.from([16, 0, 0x10, 0x00])]);
  return Buffer.concat([
    envChange(1, database || "master", "master"),
    envChange(4, String(PACKET_SIZE), String(PACKET_SIZE)),
    token(TOKEN.LOGINACK, ack),
    done(DONE.FINAL, 0),
  ]);
}

function token(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(3);
  header[0] = type;
  header.writeUInt16LE(body.length, 1);
  return Buffer.concat([header, body]);
}

function envChange(type: number, now: string, before: string): Buffer {
  return token(TOKEN.ENVCHANGE, Buffer.concat([Buffer.from([type]), bVarChar(now), bVarChar(before)]));
}

function error(number: number, message: string, severity: number): Buffer {
  const body = Buffer.concat([
    uint32(number), Buffer.from([1, severity]), usVarChar(message), bVarChar("fake-mssql"), bVarChar(""), uint32(1),
  ]);
  return token(TOKEN.ERROR, body);
}

function done(status: number, rowCount: number): Buffer {
  const buffer = Buffer.alloc(13);
  buffer[0] = TOKEN.DONE;
  buffer.writeUInt16LE(status, 1);
  buffer.writeUInt16LE(0xc1, 3); // SELECT
  buffer.writeBigUInt64LE(BigInt(rowCount), 5);
  return buffer;
}

function colMetadata(columns: TdsColumn[]): Buffer {
  const parts: Buffer[] = [Buffer.from([TOKEN.COLMETADATA]), uint16(columns.length)];
  for (const column of columns) parts.push(uint32(0), uint16(0x0001), typeInfo(column), bVarChar(column.name));
  return Buffer.concat(parts);
}

function typeInfo(column: TdsColumn): Buffer {
  const scale = column.scale ?? 7;
  switch (column.type) {
    case "int": return Buffer.from([0x26, 4]);
    case "bigint": return Buffer.from([0x26, 8]);
    case "bit": return Buffer.from([0x68, 1]);
    case "float": return Buffer.from([0x6d, 8]);
    case "decimal": return Buffer.from([0x6a, 17, column.precision ?? 38, column.scale ?? 0]);
    case "nvarchar": return Buffer.concat([Buffer.from([0xe7]), uint16(8000), COLLATION]);
    case "varbinary": return Buffer.concat([Buffer.from([0xa5]), uint16(8000)]);
    case "uniqueidentifier": return Buffer.from([0x24, 16]);
    case "date": return Buffer.from([0x28]);
    case "time": return Buffer.from([0x29, scale]);
    case "datetime2": return Buffer.from([0x2a, scale]);
    case "datetimeoffset": return Buffer.from([0x2b, scale]);
  }
}

function encodeValue(column: TdsColumn, value: unknown): Buffer {
  const scale = column.scale ?? 7;
  if (value === null || value === undefined) {
    if (column.type === "nvarchar" || column.type === "varbinary") return uint16(0xffff);
    return Buffer.from([0]);
  }
  switch (column.type) {
    case "int": return Buffer.concat([Buffer.from([4]), int32(Number(value))]);
    case "bigint": {
      const buffer = Buffer.alloc(9);
      buffer[0] = 8;
      buffer.writeBigInt64LE(BigInt(value as number | bigint), 1);
      return buffer;
    }
    case "bit": return Buffer.from([1, value ? 1 : 0]);
    case "float": {
      const buffer = Buffer.alloc(9);
      buffer[0] = 8;
      buffer.writeDoubleLE(Number(value), 1);
      return buffer;
    }
    case "decimal": {
      // Value given as text; stored as sign + unsigned integer scaled by 10^scale (16 bytes LE).
      const text = String(value);
      const negative = text.startsWith("-");
      const [whole, fraction = ""] = text.replace(/^-/, "").split(".");
      const digits = BigInt(whole + fraction.padEnd(column.scale ?? 0, "0").slice(0, column.scale ?? 0));
      const buffer = Buffer.alloc(18);
      buffer[0] = 17;
      buffer[1] = negative ? 0 : 1;
      buffer.writeBigUInt64LE(digits & 0xffffffffffffffffn, 2);
      buffer.writeBigUInt64LE(digits >> 64n, 10);
      return buffer;
    }
    case "nvarchar": {
      const text = Buffer.from(String(value), "utf16le");
      return Buffer.concat([uint16(text.length), text]);
    }
    case "varbinary": return Buffer.concat([uint16((value as Buffer).length), value as Buffer]);
    case "uniqueidentifier": {
      const hex = String(value).replace(/-/g, "");
      const bytes = Buffer.from(hex, "hex");
      // The first three groups are little-endian on the wire.
      const wire = Buffer.concat([Buffer.from(bytes.subarray(0, 4)).reverse(), Buffer.from(bytes.subarray(4, 6)).reverse(), Buffer.from(bytes.subarray(6, 8)).reverse(), bytes.subarray(8)]);
      return Buffer.concat([Buffer.from([16]), wire]);
    }
    case "date": return Buffer.concat([Buffer.from([3]), days(value as Date)]);
    case "time": {
      const time = timeUnits(value as Date, scale);
      return Buffer.concat([Buffer.from([time.length]), time]);
    }
    case "datetime2": {
      const time = timeUnits(value as Date, scale);
      return Buffer.concat([Buffer.from([time.length + 3]), time, days(value as Date)]);
    }
    case "datetimeoffset": {
      const time = timeUnits(value as Date, scale);
      return Buffer.concat([Buffer.from([time.length + 5]), time, days(value as Date), uint16(0)]);
    }
  }
}

function days(date: Date): Buffer {
  // Days since 0001-01-01; 730,119 of them had passed on 2000-01-01.
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const buffer = Buffer.alloc(3);
  buffer.writeUIntLE(730_119 + Math.round((midnight - Date.UTC(2000, 0, 1)) / 86_400_000), 0, 3);
  return buffer;
}

function timeUnits(date: Date, scale: number): Buffer {
  const ms = date.getUTCHours() * 3_600_000 + date.getUTCMinutes() * 60_000 + date.getUTCSeconds() * 1000 + date.getUTCMilliseconds();
  const units = BigInt(ms) * 10n ** BigInt(scale) / 1000n;
  const length = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(units);
  return buffer.subarray(0, length);
}

const uint16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
};
const uint32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
};
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
};
const bVarChar = (text: string) => Buffer.concat([Buffer.from([text.length]), Buffer.from(text, "utf16le")]);
const usVarChar = (text: string) => Buffer.concat([uint16(text.length), Buffer.from(text, "utf16le")]);
