import { appBaseUrl, EnvError, parseEnv } from "@/lib/env";

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
