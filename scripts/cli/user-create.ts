// Creates a staff account (the first admin of a new install comes from here).
// Usage: npm run user:create -- --email a@b.c --password '...' --role admin|front_desk [--name "Ana Lopez"]
// Exit codes: 0 created; 2 bad arguments (bad email, weak password, bad role, missing option);
//             3 an account with this email already exists; 1 anything else (e.g. database unavailable).
import { parseArgs } from "node:util";

import { closeDb, getDb, isDatabaseUnavailableError } from "@/lib/db/client";
import { InvalidError } from "@/lib/errors";
import { PASSWORD_RULES_TEXT } from "@/lib/staff/password-policy";
import { createStaffUser } from "@/lib/staff/users";

const USAGE = `Usage: npm run user:create -- --email <email> --password '<password>' --role admin|front_desk [--name "<full name>"]
Password rules: ${PASSWORD_RULES_TEXT}`;

async function main(): Promise<number> {
  let values: { email?: string; password?: string; role?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        password: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`user:create: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = (["email", "password", "role"] as const).filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    console.error(`user:create: missing ${missing.map((m) => `--${m}`).join(", ")}\n${USAGE}`);
    return 2;
  }
  try {
    const user = await createStaffUser(getDb(), {
      email: values.email,
      password: values.password,
      role: values.role,
      ...(values.name !== undefined ? { name: values.name } : {}),
    });
    console.log(`user:create: created ${user.role} account ${user.email} (id ${user.id})`);
    return 0;
  } catch (e) {
    if (e instanceof InvalidError) {
      const details = [...e.fields].map(([field, message]) => `  --${field}: ${message}`).join("\n");
      console.error(`user:create: ${e.message}${details && e.fields.size > 1 ? `\n${details}` : ""}`);
      if (e.reason === "duplicate_email") return 3;
      if (e.fields.has("password")) console.error(`Password rules: ${PASSWORD_RULES_TEXT}`);
      return 2;
    }
    const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
    const hint =
      code === "P2021" ? " (tables missing: run `npm run db:migrate` first)" : isDatabaseUnavailableError(e) ? " (database unavailable)" : "";
    console.error(`user:create: ${e instanceof Error ? e.message : String(e)}${hint}`);
    return 1;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`user:create: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
