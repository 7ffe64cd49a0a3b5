// `NODE_ENV=production npm ci` installs `dependencies` only; `npm run build`, `npm run serve`,
// `npm run worker` and `npm start` must work with them: the build's type check (tsconfig.build.json)
// may take in no file that imports a devDependency, and the tools the scripts run are dependencies.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** "@scope/name/sub" → "@scope/name", "name/sub" → "name". */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

describe("a production install (devDependencies left out)", () => {
  it("type-checks no file at build time that imports a devDependency", () => {
    const config = ts.getParsedCommandLineOfConfigFile("tsconfig.build.json", {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    });
    const files = config!.fileNames;
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) =>
      ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles
        .filter(({ fileName }) => packageOf(fileName) in pkg.devDependencies)
        .map(({ fileName }) => `${file} imports ${fileName}`),
    );
    expect(offenders).toEqual([]);
  });

  it("has what building, migrating and starting run among the dependencies", () => {
    for (const tool of ["next", "tsx", "typescript", "prisma", "@prisma/client", "@types/node", "@types/react"]) {
      expect(pkg.dependencies, tool).toHaveProperty([tool]);
    }
  });
});
