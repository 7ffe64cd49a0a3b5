// A pg client whose result rows are decoded by row-decoder.ts instead of pg's parser and type
// parsers. pg-protocol's Parser reads every message; only its DataRow handling is replaced, and pg
// is given pass-through type parsers so the decoded values reach the rows as they are. Both hooks
// are internals of pg 8.23 and pg-protocol 1.16.1 (pinned): test/connectors/postgres-row-decoder.test.ts
// reads every type through this client and through plain pg and fails if either hook stops being used.
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import pg from "pg";
import { Parser } from "pg-protocol/dist/parser";
import type { KnownRows } from "../known-rows";
import { decodeDataRow, decodeWireRow, decoderFor, type TypeParser } from "./row-decoder";

const DATA_ROW = 0x44;
const ROW_DESCRIPTION = 0x54;
const EMPTY_ROW = { name: "dataRow", fields: [] };

type Message = { name: string; fields?: unknown[] };
type Field = { name: string; dataTypeID: number };
type PacketHandler = (offset: number, code: number, length: number, bytes: Buffer) => Message;
type Connection = EventEmitter & { _emitMessage?: boolean; attachListeners(stream: Readable): void };
type TypeParsers = { getTypeParser: (oid: number, format?: "text") => unknown };

const passThrough = (value: unknown) => value;
const PASS_THROUGH: TypeParsers = { getTypeParser: () => passThrough };

/**
 * A client whose rows row-decoder.ts decodes; `knownRows`, set before a query, applies to the
 * results that follow. Rows are decoded in the socket's data handler, where a throw would end the
 * process: what a row's decoding throws (a type parser, a KnownRows lookup) is kept in
 * `decodeError` instead, the row left empty, for the reader to fail the query with.
 */
export type DecodingClient = pg.Client & { knownRows?: KnownRows; decodeError?: unknown };

export function decodingClient(config: pg.ClientConfig): DecodingClient {
  const types: TypeParsers = config.types ?? pg.types;
  const parserOf = (oid: number) => types.getTypeParser(oid, "text") as TypeParser;
  const client: DecodingClient = new pg.Client({ ...config, types: PASS_THROUGH as pg.ClientConfig["types"] });
  const connection = (client as unknown as { connection: Connection }).connection;
  // As pg's Connection.attachListeners, with the decoding parser.
  connection.attachListeners = (stream) => {
    const parser = decodingParser(parserOf, () => client.knownRows, (error) => (client.decodeError ??= error));
    stream.on("data", (buffer: Buffer) =>
      parser.parse(buffer, (message) => {
        if (connection._emitMessage) connection.emit("message", message);
        connection.emit(message.name === "error" ? "errorMessage" : message.name, message);
      }),
    );
  };
  return client;
}

function decodingParser(parserOf: (oid: number) => TypeParser, knownRowsOf: () => KnownRows | undefined, failed: (error: unknown) => void): Parser {
  const parser = new Parser();
  const internals = parser as unknown as { handlePacket: PacketHandler };
  const handle = internals.handlePacket.bind(parser);
  let decoders: ReturnType<typeof decoderFor>[] = [];
  let known: KnownRows | undefined;
  let failure = false;
  /** The identifier columns a known row still gets decoded. */
  let only: boolean[] = [];
  internals.handlePacket = (offset, code, length, bytes) => {
    if (code === DATA_ROW) {
      // The query fails at its next page: its other rows need no decoding.
      if (failure) return EMPTY_ROW;
      try {
        return known ? decodeWireRow(bytes, offset, length, decoders, known, only) : decodeDataRow(bytes, offset, length, decoders);
      } catch (error) {
        failure = true;
        failed(error);
        return EMPTY_ROW;
      }
    }
    const message = handle(offset, code, length, bytes);
    if (code === ROW_DESCRIPTION) {
      const fields = (message.fields ?? []) as Field[];
      decoders = fields.map((field) => decoderFor(parserOf(field.dataTypeID)));
      known = knownRowsOf();
      const idIndexes = known?.start(fields.map((field) => ({ name: field.name, typeId: field.dataTypeID })));
      if (idIndexes === undefined) known = undefined;
      else only = fields.map((_, index) => idIndexes.includes(index));
    }
    return message;
  };
  return parser;
}
