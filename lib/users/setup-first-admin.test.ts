import { beforeAll, describe } from "vitest";
import { useFreshAppDatabase } from "../../test/support/app-db";
import type { Db } from "../db";
import { firstAdminCases } from "./setup-first-admin.cases";

let app: Db;
beforeAll(async () => {
  app = await useFreshAppDatabase();
});

describe("first-admin setup (SQLite)", () => firstAdminCases(() => app));
