import { DEFAULT_DATABASE_URL } from "@/lib/db/provider";
import { appBaseUrl, EnvError, envVar, logLevel, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults", () => {
    expect(parseEnv({})).toMatchObject({
      DATABASE_URL: "file:./data/smp.db",
      LEADS_RATE_LIMIT_PER_MINUTE: 10,
      OUTBOX_WORKER: "on",
      OUTBOX_MAX_ATTEMPTS: 8,
    });
  });

  it("treats blank values as unset and parses lists and numbers", () => {
    const env = parseEnv({ SMTP_URL: "smtp://mail.example.com:587", NOTIFY_EMAIL_FROM: "a@example.com", NOTIFY_EMAIL_TO: "x@example.com, y@example.com", LEADS_RATE_LIMIT_PER_MINUTE: "25", LEAD_WEBHOOK_URL: " " });
    expect(env.NOTIFY_EMAIL_TO).toEqual(["x@example.com", "y@example.com"]);
    expect(env.LEADS_RATE_LIMIT_PER_MINUTE).toBe(25);
    expect(env.LEAD_WEBHOOK_URL).toBeUndefined();
  });

  it("names every bad variable without echoing its value", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://root:hunter2@db/x", SMTP_URL: "http://mail", LEADS_RATE_LIMIT_PER_MINUTE: "0", OUTBOX_WORKER: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const key of ["DATABASE_URL", "SMTP_URL", "LEADS_RATE_LIMIT_PER_MINUTE", "OUTBOX_WORKER"]) expect(message).toContain(key);
    expect(message).not.toContain("hunter2");
  });

  it("refuses half a notification channel and a webhook without a secret", () => {
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example.com" })).toThrow(/NOTIFY_EMAIL_FROM is required/);
    expect(() => parseEnv({ LEAD_WEBHOOK_URL: "https://hooks.example.com/x" })).toThrow(/LEAD_WEBHOOK_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET is required in production/);
  });

  it("builds the public base URL", () => {
    expect(appBaseUrl(parseEnv({ APP_URL: "https://clinic.example.com/" }))).toBe("https://clinic.example.com");
    expect(appBaseUrl(parseEnv({ BETTER_AUTH_URL: "https://auth.example.com" }))).toBe("https://auth.example.com");
  });
});

describe("DATABASE_POOL_MAX and LOG_LEVEL", () => {
  it("default and parse", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_URL: DEFAULT_DATABASE_URL, DATABASE_POOL_MAX: 10 });
    expect(parseEnv({ DATABASE_POOL_MAX: "25", LOG_LEVEL: "warn" })).toMatchObject({ DATABASE_POOL_MAX: 25, LOG_LEVEL: "warn" });
    expect(parseEnv({ LOG_LEVEL: " " }).LOG_LEVEL).toBeUndefined();
  });

  it("are refused with a named message when bad", () => {
    expect(() => parseEnv({ DATABASE_POOL_MAX: "lots" })).toThrow(/DATABASE_POOL_MAX must be a whole number/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX must be at least 1/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});

describe("envVar", () => {
  // process.env typed as a plain record: NODE_ENV is read-only in Next's types.
  const env = process.env as Record<string, string | undefined>;
  const saved = { ...env };
  afterEach(() => {
    for (const key of ["DATABASE_URL", "DATABASE_POOL_MAX", "LOG_LEVEL", "NODE_ENV"]) {
      if (saved[key] === undefined) delete env[key];
      else env[key] = saved[key];
    }
  });

  it("reads one variable afresh, with its default and its own rule", () => {
    delete env.DATABASE_URL;
    expect(envVar("DATABASE_URL")).toBe(DEFAULT_DATABASE_URL);
    env.DATABASE_URL = "file:/tmp/other.db";
    expect(envVar("DATABASE_URL")).toBe("file:/tmp/other.db");
    env.DATABASE_POOL_MAX = "3";
    expect(envVar("DATABASE_POOL_MAX")).toBe(3);
  });

  it("throws EnvError naming the variable, without its value", () => {
    env.DATABASE_URL = "mysql://root:hunter2@db/x";
    let error: unknown;
    try {
      envVar("DATABASE_URL");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toContain("DATABASE_URL must start with");
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("gives the logger its level: LOG_LEVEL, else silent under test, else info", () => {
    delete env.LOG_LEVEL;
    env.NODE_ENV = "test";
    expect(logLevel()).toBe("silent");
    env.NODE_ENV = "production";
    expect(logLevel()).toBe("info");
    env.LOG_LEVEL = "debug";
    expect(logLevel()).toBe("debug");
  });
});
