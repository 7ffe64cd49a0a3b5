// A pg client whose result rows are decoded by row-decoder.ts instead of pg's parser and type
// parsers. pg-protocol's Parser reads every message; only its DataRow handling is replaced, and pg
// is given pass-through type parsers so the decoded values reach the rows as they are. Both hooks
// are internals of pg 8.23 and pg-protocol 1.16.1 (pinned): test/connectors/postgres-row-decoder.test.ts
// reads every type through this client and through plain pg and fails if either hook stops being used.
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import pg from "pg";
import { Parser } from "pg-protocol/dist/parser";
import { decodeDataRow, decoderFor, type TypeParser } from "./row-decoder";

const DATA_ROW = 0x44;
const ROW_DESCRIPTION = 0x54;

type Message = { name: string; fields?: unknown[] };
type Field = { dataTypeID: number };
type PacketHandler = (offset: number, code: number, length: number, bytes: Buffer) => Message;
type Connection = EventEmitter & { _emitMessage?: boolean; attachListeners(stream: Readable): void };
type TypeParsers = { getTypeParser: (oid: number, format?: "text") => unknown };

const passThrough = (value: unknown) => value;
const PASS_THROUGH: TypeParsers = { getTypeParser: () => passThrough };

export function decodingClient(config: pg.ClientConfig): pg.Client {
  const types: TypeParsers = config.types ?? pg.types;
  const parserOf = (oid: number) => types.getTypeParser(oid, "text") as TypeParser;
  const client = new pg.Client({ ...config, types: PASS_THROUGH as pg.ClientConfig["types"] });
  const connection = (client as unknown as { connection: Connection }).connection;
  // As pg's Connection.attachListeners, with the decoding parser.
  connection.attachListeners = (stream) => {
    const parser = decodingParser(parserOf);
    stream.on("data", (buffer: Buffer) =>
      parser.parse(buffer, (message) => {
        if (connection._emitMessage) connection.emit("message", message);
        connection.emit(message.name === "error" ? "errorMessage" : message.name, message);
      }),
    );
  };
  return client;
}

function decodingParser(parserOf: (oid: number) => TypeParser): Parser {
  const parser = new Parser();
  const internals = parser as unknown as { handlePacket: PacketHandler };
  const handle = internals.handlePacket.bind(parser);
  let decoders: ReturnType<typeof decoderFor>[] = [];
  internals.handlePacket = (offset, code, length, bytes) => {
    if (code === DATA_ROW) return decodeDataRow(bytes, offset, length, decoders);
    const message = handle(offset, code, length, bytes);
    if (code === ROW_DESCRIPTION) decoders = ((message.fields ?? []) as Field[]).map((field) => decoderFor(parserOf(field.dataTypeID)));
    return message;
  };
  return parser;
}
