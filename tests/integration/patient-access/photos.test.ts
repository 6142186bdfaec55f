/**
 * Scalp photos, documents and the confirmed assessment over HTTP (issue 21, docs/api-v1.md "Photos
 * and assessment", decision 023), on SQLite and PostgreSQL, through the real route handlers: what is
 * stored carries no metadata and nothing after the image, upright; refused kinds 415, a bomb refused
 * fast with nothing stored, 413, a sixth photo 409; no bytes without the right link or session;
 * staff reads audited with the image headers; a PDF letter only as a download; the assessment re-runs
 * the rules, pins the price and queues the patient's e-mail; erasure (an admin's, the patient's own)
 * leaves no photo rows.
 */
import exifr from "exifr";
import sharp from "sharp";

import { POST as postAssessment } from "@/app/api/v1/leads/[id]/assessment/route";
import { GET as getDocument } from "@/app/api/v1/leads/[id]/documents/[documentId]/route";
import { POST as postDocument } from "@/app/api/v1/leads/[id]/documents/route";
import { GET as getPhoto } from "@/app/api/v1/leads/[id]/photos/[photoId]/route";
import { GET as listPhotos } from "@/app/api/v1/leads/[id]/photos/route";
import { GET as getLeadRoute } from "@/app/api/v1/leads/[id]/route";
import { leadDetailResponseSchema } from "@/lib/leads/lead-responses";
import { DELETE as deleteMyPhoto } from "@/app/api/v1/my/[token]/photos/[photoId]/route";
import { POST as postMyPhoto } from "@/app/api/v1/my/[token]/photos/route";
import { DELETE as eraseMine } from "@/app/api/v1/my/[token]/route";
import { candidacyResultSchema } from "@/lib/candidacy/result";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { eraseLead } from "@/lib/leads/erase-lead";
import { closeRateLimitStore } from "@/lib/leads/rate-limit";
import { ASSESSMENT_CONFIRMED } from "@/lib/notifications/kinds/assessment-confirmed";
import { issueAccessToken } from "@/lib/patient-access/tokens";
import { leadPhotoListSchema, storedPhotoSchema } from "@/lib/photos/schemas";
import { PHONE_COMMENT, PHONE_MAKE, PHONE_MODEL, phoneJpeg, pngBomb, REFUSED_BODIES, TRAILING_MARKER } from "@/tests/support/photo-fixtures";
import { staffFixture } from "@/tests/support/staff-fixture";
import { BASE_URL, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { nextIp, useDatabaseUrl } from "../leads/route-helpers";

afterAll(async () => {
  await closeRateLimitStore();
});

const myCtx = (token: string, photoId?: string) => ({ params: Promise.resolve(photoId ? { token, photoId } : { token }) });
const leadCtx = (id: string, extra: Record<string, string> = {}) => ({ params: Promise.resolve({ id, ...extra }) });

function upload(token: string, bytes: Buffer, type: string, view = "crown"): Promise<Response> {
  const request = new Request(`${BASE_URL}/api/v1/my/${token}/photos?view=${view}`, {
    method: "POST",
    headers: { "content-type": type, [PEER_ADDRESS_HEADER]: nextIp() },
    body: new Uint8Array(bytes),
  });
  return postMyPhoto(request, myCtx(token));
}

function staff(path: string, headers: Headers, init: RequestInit = {}): Request {
  return new Request(`${BASE_URL}${path}`, { ...init, headers: new Headers([...headers, ...new Headers(init.headers)]) });
}

forEachProvider("scalp photos and the confirmed assessment", (t: ProviderContext) => {
  const fixture = staffFixture(t, { lead: false });
  beforeAll(() => {
    useDatabaseUrl(t.url, { APP_URL: "https://clinic.example.com", SMTP_URL: "smtp://127.0.0.1:2525", NOTIFY_EMAIL_FROM: "estimator@clinic.example.com", NOTIFY_EMAIL_TO: "desk@clinic.example.com" });
  });

  async function inquiryWithLink() {
    const leadId = await storeLead(t.db);
    const { token } = await issueAccessToken(t.db, leadId, "created");
    return { leadId, token };
  }

  it("stores the photo re-encoded: no GPS, camera, XMP or comment, upright, nothing after the image", async () => {
    const { leadId, token } = await inquiryWithLink();
    const input = await phoneJpeg({ width: 1600, height: 1200, orientation: 6, trailing: Buffer.from(TRAILING_MARKER) });
    const response = await upload(token, input, "image/jpeg", "front");
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const photo = storedPhotoSchema.parse(await response.json());
    expect(photo).toMatchObject({ view: "front", width: 1200, height: 1600 });

    const row = await t.db.leadPhoto.findUniqueOrThrow({ where: { id: photo.id } });
    expect(row.leadId).toBe(leadId);
    for (const bytes of [Buffer.from(row.image), Buffer.from(row.thumb)]) {
      expect(await exifr.parse(bytes, { tiff: true, gps: true, xmp: true, iptc: true, icc: true })).toBeUndefined();
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
      for (const text of [PHONE_MAKE, PHONE_MODEL, PHONE_COMMENT, "Patient Name", "<html", "Exif"]) expect(bytes.includes(Buffer.from(text)), text).toBe(false);
      expect(bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2).toBe(bytes.length);
      const meta = await sharp(bytes).metadata();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height!).toBeGreaterThan(meta.width!);
    }
    expect(row.bytes).toBe(row.image.length);
    expect([row.width, row.height]).toEqual([1200, 1600]);
    const events = await t.db.leadEvent.findMany({ where: { leadId, type: "photo_added" } });
    expect(events).toHaveLength(1);
  });

  it("refuses a 20,000 x 20,000 PNG bomb within 200 ms and stores nothing", async () => {
    const { leadId, token } = await inquiryWithLink();
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(100 * 1024);
    await upload(token, await phoneJpeg({ width: 64, height: 48 }), "image/jpeg"); // warm the path
    await t.db.leadPhoto.deleteMany({ where: { leadId } });
    const start = performance.now();
    const response = await upload(token, bomb, "image/png");
    const elapsed = performance.now() - start;
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("IMAGE_UNREADABLE");
    expect(elapsed).toBeLessThan(200);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(0);
  });

  it("refuses SVG, GIF, HTML, a HEIC header and a JPEG/HTML polyglot (415), 11 MB (413), and stores nothing", async () => {
    const { leadId, token } = await inquiryWithLink();
    for (const [name, body] of Object.entries(REFUSED_BODIES)) {
      for (const declared of ["image/jpeg", "image/png"]) {
        const response = await upload(token, body, declared);
        expect(response.status, `${name} as ${declared}`).toBe(415);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      }
    }
    expect((await upload(token, REFUSED_BODIES.svg!, "image/svg+xml")).status).toBe(415);
    const big = Buffer.concat([await phoneJpeg({ width: 64, height: 48 }), Buffer.alloc(11 * 1024 * 1024)]);
    expect((await upload(token, big, "image/jpeg")).status).toBe(413);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(0);
  });

  it("a sixth photo is 409 TOO_MANY_PHOTOS (refused by the database's slots); removing one frees a slot", async () => {
    const { leadId, token } = await inquiryWithLink();
    const small = await phoneJpeg({ width: 320, height: 240 });
    const ids: string[] = [];
    for (const view of ["front", "top", "crown", "back", "scar"]) {
      const response = await upload(token, small, "image/jpeg", view);
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const sixth = await upload(token, small, "image/jpeg", "crown");
    expect(sixth.status).toBe(409);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe("TOO_MANY_PHOTOS");
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(5);
    // The database itself refuses a sixth slot, whatever the code does.
    const img = new Uint8Array(small);
    await expect(t.db.leadPhoto.create({ data: { leadId, slot: 6, view: "top", width: 1, height: 1, bytes: 1, image: img, thumb: img } })).rejects.toThrow();
    await expect(t.db.leadPhoto.create({ data: { leadId, slot: 1, view: "top", width: 1, height: 1, bytes: 1, image: img, thumb: img } })).rejects.toThrow();

    const removed = await deleteMyPhoto(new Request(`${BASE_URL}/api/v1/my/${token}/photos/${ids[1]}`, { method: "DELETE", headers: { [PEER_ADDRESS_HEADER]: nextIp() } }), myCtx(token, ids[1]));
    expect(removed.status).toBe(204);
    expect((await upload(token, small, "image/jpeg", "top")).status).toBe(201);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(5);
  });

  it("no bytes without the right link or session: a wrong token 404, another inquiry's token cannot remove, no session 401, a guessed id 404", async () => {
    const { leadId, token } = await inquiryWithLink();
    const other = await inquiryWithLink();
    const small = await phoneJpeg({ width: 320, height: 240 });
    const created = (await (await upload(token, small, "image/jpeg")).json()) as { id: string };

    expect((await upload("0".repeat(40), small, "image/jpeg")).status).toBe(404);
    const byOther = await deleteMyPhoto(new Request(`${BASE_URL}/api/v1/my/${other.token}/photos/${created.id}`, { method: "DELETE", headers: { [PEER_ADDRESS_HEADER]: nextIp() } }), myCtx(other.token, created.id));
    expect(byOther.status).toBe(404);
    expect(await t.db.leadPhoto.count({ where: { id: created.id } })).toBe(1);

    const anonymous = await getPhoto(new Request(`${BASE_URL}/api/v1/leads/${leadId}/photos/${created.id}`), leadCtx(leadId, { photoId: created.id }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).not.toContain("image");
    const anonymousList = await listPhotos(new Request(`${BASE_URL}/api/v1/leads/${leadId}/photos`), leadCtx(leadId));
    expect(anonymousList.status).toBe(401);

    const guessed = await getPhoto(staff(`/api/v1/leads/${leadId}/photos/guessed-id`, fixture.front.headers), leadCtx(leadId, { photoId: "guessed-id" }));
    expect(guessed.status).toBe(404);
    expect(guessed.headers.get("content-type")).not.toContain("image");
    // The right photo id under another inquiry's id is not found either.
    const crossed = await getPhoto(staff(`/api/v1/leads/${other.leadId}/photos/${created.id}`, fixture.front.headers), leadCtx(other.leadId, { photoId: created.id }));
    expect(crossed.status).toBe(404);
    expect(crossed.headers.get("content-type")).not.toContain("image");
  });

  it("staff list without bytes, then read thumbnail and full size with private, no-store, nosniff and default-src 'none', each view audited", async () => {
    const { leadId, token } = await inquiryWithLink();
    const created = (await (await upload(token, await phoneJpeg({ width: 2400, height: 1800, orientation: 1 }), "image/jpeg", "top")).json()) as { id: string };

    const list = await listPhotos(staff(`/api/v1/leads/${leadId}/photos`, fixture.front.headers), leadCtx(leadId));
    expect(list.status).toBe(200);
    const parsed = leadPhotoListSchema.parse(await list.json());
    expect(parsed.photos).toEqual([expect.objectContaining({ id: created.id, view: "top", width: 2048, height: 1536 })]);

    const before = await t.db.leadEvent.count({ where: { leadId, type: "photo_viewed" } });
    for (const size of ["thumb", "full"] as const) {
      const response = await getPhoto(staff(`/api/v1/leads/${leadId}/photos/${created.id}?size=${size}`, fixture.front.headers), leadCtx(leadId, { photoId: created.id }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/jpeg");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(size === "thumb" ? 320 : 2048);
    }
    expect(await t.db.leadEvent.count({ where: { leadId, type: "photo_viewed", actorId: fixture.front.id } })).toBe(before + 2);
  });

  it("the clearance letter: a PDF by its bytes, served only as a download; an image rewritten; HTML refused", async () => {
    const leadId = await storeLead(t.db);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");
    const post = (bytes: Buffer, type: string) =>
      postDocument(staff(`/api/v1/leads/${leadId}/documents`, fixture.front.headers, { method: "POST", headers: { "content-type": type }, body: new Uint8Array(bytes) }), leadCtx(leadId));
    const stored = await post(pdf, "application/pdf");
    expect(stored.status).toBe(201);
    const doc = (await stored.json()) as { id: string; contentType: string };
    expect(doc.contentType).toBe("application/pdf");
    expect((await post(REFUSED_BODIES.html!, "application/pdf")).status).toBe(415);
    const image = await post(await phoneJpeg({ width: 300, height: 200 }), "image/jpeg");
    expect(image.status).toBe(201);
    const imageDoc = await t.db.leadDocument.findUniqueOrThrow({ where: { id: ((await image.json()) as { id: string }).id } });
    expect(Buffer.from(imageDoc.data).includes(Buffer.from(PHONE_MAKE))).toBe(false);

    const download = await getDocument(staff(`/api/v1/leads/${leadId}/documents/${doc.id}`, fixture.front.headers), leadCtx(leadId, { documentId: doc.id }));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(await t.db.leadEvent.count({ where: { leadId, type: "document_viewed" } })).toBe(1);
  });

  it("the assessment re-runs the rules with the confirmed stage, pins the price, keeps the patient's own, takes the version, queues the e-mail", async () => {
    const leadId = await storeLead(t.db, { answers: { lossPattern: "norwood", norwoodStage: "unknown" } });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: leadId } });
    const confirm = (body: unknown) =>
      postAssessment(staff(`/api/v1/leads/${leadId}/assessment`, fixture.front.headers, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), leadCtx(leadId));

    const response = await confirm({ version: lead.version, norwoodStage: "5", scars: [], note: "Clear crown photo" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { confirmedResult: unknown; version: number };
    const confirmed = candidacyResultSchema.parse(body.confirmedResult);
    expect(body.version).toBe(lead.version + 1);
    const own = candidacyResultSchema.parse(lead.result);
    expect(confirmed.price.tableVersion).toBe(own.price.tableVersion);
    expect(confirmed.price.maxUsd - confirmed.price.minUsd).toBeLessThan(own.price.maxUsd - own.price.minUsd);

    const stored = await t.db.leadAssessment.findUniqueOrThrow({ where: { leadId } });
    expect(stored).toMatchObject({ norwoodStage: "5", ludwigStage: null, note: "Clear crown photo", assessedById: fixture.front.id, priceTableVersion: own.price.tableVersion });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: leadId } })).result).toEqual(lead.result);
    const audit = await t.db.leadEvent.findFirstOrThrow({ where: { leadId, type: "assessment_confirmed" } });
    expect(JSON.stringify(audit.data)).not.toContain("Clear crown photo");
    expect(await t.db.outboxMessage.count({ where: { leadId, kind: ASSESSMENT_CONFIRMED } })).toBe(1);

    // The lead item carries it, beside the patient's own result.
    const item = leadDetailResponseSchema.parse(await (await getLeadRoute(staff(`/api/v1/leads/${leadId}`, fixture.front.headers), leadCtx(leadId))).json());
    expect(item.confirmedResult).toEqual(confirmed);
    expect(item.assessedAt).toBe(stored.assessedAt.toISOString());
    expect(item.photoCount).toBe(0);
    expect(item.result).toEqual(own);

    const stale = await confirm({ version: lead.version, norwoodStage: "6" });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    expect((await confirm({ norwoodStage: "5", ludwigStage: "II" })).status).toBe(400);
    expect((await confirm({ norwoodStage: "unknown" })).status).toBe(400);
  });

  it("erasure leaves no photo, document or assessment rows", async () => {
    const { leadId, token } = await inquiryWithLink();
    expect((await upload(token, await phoneJpeg({ width: 320, height: 240 }), "image/jpeg")).status).toBe(201);
    await t.db.leadDocument.create({ data: { leadId, kind: "clearance_letter", contentType: "application/pdf", bytes: 5, data: new Uint8Array(Buffer.from("%PDF-")), uploadedById: fixture.admin.id } });
    await t.db.leadAssessment.create({
      data: { leadId, norwoodStage: "5", scars: [], confirmedResult: {}, priceTableVersion: 1, assessedById: fixture.admin.id, assessedAt: new Date() },
    });
    await eraseLead(t.db, fixture.admin.id, leadId);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(0);
    expect(await t.db.leadDocument.count({ where: { leadId } })).toBe(0);
    expect(await t.db.leadAssessment.count({ where: { leadId } })).toBe(0);
    expect((await upload(token, await phoneJpeg({ width: 320, height: 240 }), "image/jpeg")).status).toBe(404);
  });

  it("the patient's own erasure (DELETE /api/v1/my/{token}) leaves no photo or assessment rows either", async () => {
    const { leadId, token } = await inquiryWithLink();
    for (const view of ["front", "crown"]) expect((await upload(token, await phoneJpeg({ width: 320, height: 240 }), "image/jpeg", view)).status).toBe(201);
    const { version } = await t.db.lead.findUniqueOrThrow({ where: { id: leadId }, select: { version: true } });
    const confirmed = await postAssessment(
      staff(`/api/v1/leads/${leadId}/assessment`, fixture.front.headers, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ version, norwoodStage: "5" }) }),
      leadCtx(leadId),
    );
    expect(confirmed.status).toBe(200);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(2);
    const erased = await eraseMine(
      new Request(`${BASE_URL}/api/v1/my/${token}`, { method: "DELETE", headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: nextIp() }, body: JSON.stringify({ confirm: "ERASE" }) }),
      myCtx(token),
    );
    expect(erased.status).toBe(204);
    expect(await t.db.leadPhoto.count({ where: { leadId } })).toBe(0);
    expect(await t.db.leadAssessment.count({ where: { leadId } })).toBe(0);
    expect(await t.db.lead.count({ where: { id: leadId } })).toBe(0);
  });
});
