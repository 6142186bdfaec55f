import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The staff accounts of the browser tests. One JSON file is the single source: scripts/test/e2e-server.mjs
 * (plain Node, no TypeScript) creates the accounts from it after seeding, and the specs sign in with it.
 */
export interface StaffAccount {
  email: string;
  password: string;
  role: "admin" | "front_desk";
  name: string;
}

const accounts = JSON.parse(readFileSync(path.join(__dirname, "staff-accounts.json"), "utf8")) as {
  admin: StaffAccount;
  frontDesk: StaffAccount;
};

export const ADMIN: StaffAccount = accounts.admin;
export const FRONT_DESK: StaffAccount = accounts.frontDesk;
