#!/usr/bin/env node
// A tiny Prisma generator (JSON-RPC over stdio, the protocol of @prisma/generator-helper) that writes
// the DMMF data model of the schema being generated to a JSON file. The `prisma-client` generator of
// Prisma 7 no longer exports `Prisma.dmmf` with nullability, and the drift test
// (tests/integration/db/drift.test.ts) needs it, and its keys (indexes, unique keys, relations): it runs in the same `prisma generate` as the client,
// so the snapshot always describes exactly the generated client.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";

function respond(message) {
  // Generators answer on stderr; stdout is left for logs.
  process.stderr.write(`${JSON.stringify(message)}\n`);
}

function snapshot(options) {
  const models = options.dmmf.datamodel.models.map((m) => ({
    name: m.name,
    dbName: m.dbName ?? null,
    fields: m.fields.map((f) => ({
      name: f.name,
      dbName: f.dbName ?? null,
      kind: f.kind,
      type: f.type,
      isRequired: f.isRequired,
      isList: f.isList,
      isId: f.isId,
      isUnique: f.isUnique,
      ...(f.kind === "object"
        ? {
            relationName: f.relationName ?? null,
            relationFromFields: f.relationFromFields ?? [],
            relationToFields: f.relationToFields ?? [],
            relationOnDelete: f.relationOnDelete ?? null,
          }
        : {}),
    })),
  }));
  // @id/@@id, @unique/@@unique, @@index of every model (dbName: the `map:` name, null for Prisma's default).
  const indexes = (options.dmmf.datamodel.indexes ?? []).map((i) => ({
    model: i.model,
    type: i.type,
    dbName: i.dbName ?? null,
    fields: i.fields.map((f) => f.name),
  }));
  const provider = options.datasources?.[0]?.activeProvider ?? options.datasources?.[0]?.provider ?? null;
  const sourceSha256 =
    process.env.SMP_PRISMA_SOURCE_SHA256 ||
    createHash("sha256").update(options.datamodel ?? "").digest("hex");
  return { generatedBy: "scripts/db/prisma-dmmf-generator.mjs", provider, sourceSha256, models, indexes };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.method === "getManifest") {
    respond({
      jsonrpc: "2.0",
      id: msg.id,
      result: { manifest: { prettyName: "DMMF snapshot (drift test)", requiresGenerators: [] } },
    });
  } else if (msg.method === "generate") {
    try {
      const out = msg.params.generator.output?.value;
      if (!out) throw new Error("dmmf generator: `output` is required");
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(snapshot(msg.params), null, 2)}\n`);
      respond({ jsonrpc: "2.0", id: msg.id, result: null });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      respond({ jsonrpc: "2.0", id: msg.id, error: { code: -32000, message: err.message, data: { stack: err.stack } } });
    }
  }
});
