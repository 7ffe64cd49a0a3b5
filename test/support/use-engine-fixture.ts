import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEngineFixture, type EngineFixture } from "./engine-fixture";

/**
 * The engine fixture for the whole test file: started in beforeAll with `setupSql` run on the
 * source, stopped in afterAll, its receiver emptied before each test. Read its fields inside hooks
 * and tests, once it has started.
 */
export function useEngineFixture(setupSql: string): EngineFixture {
  const fixture = {} as EngineFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startEngineFixture());
    await fixture.sql(setupSql);
  });
  afterAll(() => fixture.stop?.());
  beforeEach(() => fixture.receiver.reset());
  return fixture;
}
