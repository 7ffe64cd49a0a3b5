// One YAML file of a config directory, parsed with its line positions so every problem can be
// reported as file:line: message.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";

export type TProblem = { file: string; line: number; message: string };
export type TPath = readonly PropertyKey[];

export type TYamlFile = {
  file: string;
  data: unknown;
  /** The line of the value at `path`, or of the nearest enclosing value that exists. */
  lineOf(path: TPath): number;
  problems: TProblem[];
};

export function readYaml(file: string, text: string): TYamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: TProblem[] = doc.errors.map((error) => ({ file, line: lineCounter.linePos(error.pos[0]).line, message: error.message.split("\n")[0] }));
  const lineOf = (path: TPath) => {
    for (let at = [...path]; ; at = at.slice(0, -1)) {
      const node = doc.getIn(at as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
      if (at.length === 0) return 1;
    }
  };
  return { file, data: problems.length ? undefined : doc.toJS(), lineOf, problems };
}

/** Parses the file's data with a zod schema; each issue becomes a problem at its field's line. */
export function parseWith<T>(yaml: TYamlFile, schema: z.ZodType<T>): T | undefined {
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success) return result.data;
  yaml.problems.push(...result.error.issues.map((issue) => issueProblem(yaml, issue)));
  return undefined;
}

export function issueProblem(yaml: TYamlFile, issue: z.core.$ZodIssue, prefix: TPath = []): TProblem {
  const path = [...prefix, ...issue.path];
  const where = path.length ? `${path.map(String).join(".")}: ` : "";
  const message = issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` : issue.message;
  return { file: yaml.file, line: yaml.lineOf(path), message: where + message };
}

export const problemText = (problem: TProblem) => `${problem.file}:${problem.line}: ${problem.message}`;
