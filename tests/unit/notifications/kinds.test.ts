/**
 * The notification registry's shape (docs/decisions/016-notification-registry.md): every listed kind
 * has a unique id, renders every channel it declares, and reads a stored payload of an older version
 * (or one edited by hand) with its defaults instead of failing.
 */
import { NOTIFICATION_CHANNELS } from "@/lib/notifications/config";
import { NOTIFICATION_KIND_IDS, notificationKind } from "@/lib/notifications/kinds";
import { LEAD_CREATED } from "@/lib/notifications/kinds/lead-created";
import { LEAD_ESCALATED } from "@/lib/notifications/kinds/lead-escalated";
import { PATIENT_CONFIRMATION } from "@/lib/notifications/kinds/patient-confirmation";

describe("notification kinds", () => {
  it("lists each kind once, under the ids stored in OutboxMessage.kind", () => {
    expect(NOTIFICATION_KIND_IDS).toEqual(expect.arrayContaining([LEAD_CREATED, LEAD_ESCALATED, PATIENT_CONFIRMATION]));
    expect(new Set(NOTIFICATION_KIND_IDS).size).toBe(NOTIFICATION_KIND_IDS.length);
    expect(notificationKind("no_such_kind")).toBeUndefined();
  });

  it.each(NOTIFICATION_KIND_IDS)("%s renders every channel it declares, and only known channels", (id) => {
    const kind = notificationKind(id);
    if (!kind) throw new Error(`${id} is not in the registry`);
    expect(kind.id).toBe(id);
    expect(kind.channels.length).toBeGreaterThan(0);
    for (const channel of kind.channels) {
      expect(NOTIFICATION_CHANNELS).toContain(channel);
      // endpoint (the admin's webhook endpoints): an event to fan out, or a delivery that sends itself.
      expect(typeof (channel === "email" ? kind.email : channel === "webhook" ? kind.webhook : (kind.event ?? kind.deliver)), `${id} by ${channel}`).toBe("function");
    }
  });

  it.each(NOTIFICATION_KIND_IDS)("%s reads an empty stored payload with its defaults", (id) => {
    expect(notificationKind(id)?.payload.safeParse({}).success).toBe(true);
  });

  it("reads odd stored payloads as the worker always did", () => {
    expect(notificationKind(LEAD_CREATED)?.payload.parse({ eligibility: "maybe", repeatInquiry: "yes" })).toEqual({
      eligibility: "consult_required",
      createdAt: new Date(0).toISOString(),
      repeatInquiry: false,
    });
    expect(notificationKind(LEAD_ESCALATED)?.payload.parse({ firstName: 7, waitingMinutes: 61.9, replyTargetMinutes: -5, reference: 3 })).toEqual({
      firstName: "",
      reference: null,
      createdAt: new Date(0).toISOString(),
      waitingMinutes: 61,
      replyTargetMinutes: 0,
      timeZone: "UTC",
    });
  });
});
