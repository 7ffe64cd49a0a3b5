import { recordAudit } from "../audit/record-audit";
import { isAvailable } from "../connectors/registry";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZCreateSourceSchema } from "./schemas";

export async function createSource(input: unknown) {
  const { name, kind } = parseInput(ZCreateSourceSchema, input);
  if (!isAvailable(kind)) {
    throw new AppError("invalid_input", "This kind of source is not supported in this version yet.", { kind: ["Not supported yet"] });
  }
  return db().$transaction(async (tx) => {
    const source = await tx.source.create({ data: { name, kind }, select: { id: true, name: true, kind: true, createdAt: true } });
    await recordAudit({ action: "source.create", resource: { type: "source", id: source.id, name }, after: { name, kind } }, tx);
    return source;
  });
}
