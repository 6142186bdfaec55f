/**
 * The patient's photo capture (components/patient-page/PhotoCapture.tsx) with the real English and
 * Spanish words: five labelled slots with their guide and tip, an exact accept list (iOS then sends
 * JPEG, never HEIC), and one photo whose upload fails (the request errors) then succeeds on retry,
 * announced in its slot, with focus on the error. The network is a stand-in XMLHttpRequest; the
 * server side is tested in tests/integration/patient-access/photos.test.ts.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { PhotoCapture } from "@/components/patient-page/PhotoCapture";
import { fitWithin, IOS_CANVAS_MAX_PIXELS } from "@/lib/photos/resize-in-browser";
import { renderWithIntl } from "@/tests/component/questionnaire/render-with-intl";

const TOKEN = "a".repeat(40);

/** A stand-in for the browser's XMLHttpRequest: the first `failures` sends error, the rest answer 201. */
function fakeXhr(failures: number) {
  const sent: { url: string; type: string | null }[] = [];
  let left = failures;
  class FakeXhr {
    upload = { onprogress: null as ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    timeout = 0;
    status = 0;
    responseText = "";
    private url = "";
    private type: string | null = null;
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      if (name.toLowerCase() === "content-type") this.type = value;
    }
    send() {
      sent.push({ url: this.url, type: this.type });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        if (left > 0) {
          left--;
          this.onerror?.();
          return;
        }
        this.status = 201;
        this.responseText = JSON.stringify({ id: `p${sent.length}`, view: "crown", width: 900, height: 1200, bytes: 1234 });
        this.onload?.();
      }, 5);
    }
  }
  return { FakeXhr, sent };
}

describe("PhotoCapture", () => {
  const original = globalThis.XMLHttpRequest;
  afterEach(() => {
    globalThis.XMLHttpRequest = original;
  });

  it("offers five guided slots, each with its drawing, tip and a file input that names its view and accepts JPEG, PNG and WebP only", () => {
    renderWithIntl(<PhotoCapture token={TOKEN} existing={[]} />);
    expect(screen.getByRole("heading", { level: 2, name: "Send photos for a more precise estimate" })).toBeInTheDocument();
    const slots = screen.getAllByRole("listitem").filter((li) => li.querySelector("input[type=file]"));
    expect(slots).toHaveLength(5);
    for (const [i, view] of ["Front hairline", "Top", "Crown", "Back", "Scar (if you have one)"].entries()) {
      const slot = slots[i]!;
      expect(within(slot).getByRole("heading", { level: 3, name: view })).toBeInTheDocument();
      expect(within(slot).getByRole("img", { name: `Drawing of a head with the area to photograph marked: ${view}.` })).toBeInTheDocument();
      const input = within(slot).getByLabelText(`Take or choose a photo – Photo of your ${view}`);
      expect(input).toHaveAttribute("accept", "image/jpeg,image/png,image/webp");
    }
    expect(screen.getByText("No photos sent yet.")).toBeInTheDocument();
  });

  it("speaks Spanish", () => {
    renderWithIntl(<PhotoCapture token={TOKEN} existing={[{ id: "p1", view: "top", width: 10, height: 10, bytes: 10 }]} />, "es");
    expect(screen.getByRole("heading", { level: 2, name: "Envíe fotos para un presupuesto más preciso" })).toBeInTheDocument();
    expect(screen.getByText("1 de 5 fotos enviada.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Quitar la foto – Parte de arriba" })).toBeInTheDocument();
  });

  it("a failed upload is announced with focus on it and retried from its slot; the count follows", async () => {
    const { FakeXhr, sent } = fakeXhr(1);
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    const user = userEvent.setup();
    renderWithIntl(<PhotoCapture token={TOKEN} existing={[]} />);
    const input = screen.getByLabelText("Take or choose a photo – Photo of your Crown");
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], "IMG_0001.jpg", { type: "image/jpeg" });
    fireEvent.change(input, { target: { files: [file] } });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The photo did not go through. Check your connection and try again.");
    await waitFor(() => expect(alert).toHaveFocus());
    expect(sent[0]).toEqual({ url: `/api/v1/my/${TOKEN}/photos?view=crown`, type: "image/jpeg" });

    await user.click(screen.getByRole("button", { name: "Try again – Crown" }));
    await waitFor(() => expect(screen.getByText("Sent.")).toBeInTheDocument());
    expect(sent).toHaveLength(2);
    expect(screen.getByText("1 of 5 photos sent.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove photo – Crown" })).toBeInTheDocument();
  });
});

describe("fitWithin (resizing on the device)", () => {
  it("fits 2048 px, never enlarges, and stays under the iOS canvas limit", () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    const huge = fitWithin(20_000, 20_000, 20_000);
    expect(huge.width * huge.height).toBeLessThanOrEqual(IOS_CANVAS_MAX_PIXELS);
  });
});
