import { isSqliteBusy, retryWhileSqliteBusy } from "@/lib/db/sqlite-busy";

const busy = (code = "SQLITE_BUSY") => Object.assign(new Error("database is locked"), { code });

describe("retryWhileSqliteBusy", () => {
  it("retries busy failures asynchronously until the attempt succeeds", async () => {
    let calls = 0;
    const value = await retryWhileSqliteBusy(() => {
      calls++;
      if (calls < 4) throw busy();
      return "ok";
    }, 2000);
    expect(value).toBe("ok");
    expect(calls).toBe(4);
  });

  it("gives up after the bound with the busy error, and never retries other errors or BUSY_SNAPSHOT", async () => {
    const started = Date.now();
    await expect(retryWhileSqliteBusy(() => Promise.reject(busy()), 150)).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    let calls = 0;
    await expect(retryWhileSqliteBusy(() => { calls++; throw busy("SQLITE_BUSY_SNAPSHOT"); }, 1000)).rejects.toThrow();
    await expect(retryWhileSqliteBusy(() => { calls++; throw new Error("boom"); }, 1000)).rejects.toThrow("boom");
    expect(calls).toBe(2);
  });

  it("recognises the code on Prisma's driver adapter errors", () => {
    expect(isSqliteBusy({ cause: { originalCode: "SQLITE_BUSY" } })).toBe(true);
    expect(isSqliteBusy({ cause: { originalCode: "SQLITE_CONSTRAINT_UNIQUE" } })).toBe(false);
    expect(isSqliteBusy(busy("SQLITE_BUSY_TIMEOUT"))).toBe(true);
  });
});
