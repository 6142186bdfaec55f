/**
 * The price page's safety net as an admin uses it: a bad minimum is refused with its message, the
 * typed figure stays and takes focus; the preview marks the prices that change in words; the
 * confirmation names them ("NW6 shaved: $5,500 → $6,000") and only then publishes; a server refusal
 * keeps the draft; restoring an old version confirms what changes first.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { PriceEditor } from "@/components/staff/prices/PriceEditor";
import { PriceVersions, type PriceVersionRow } from "@/components/staff/prices/PriceVersions";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "@/lib/pricing/price-table";
import { PRICE_CASES } from "@/lib/pricing/price-preview";
import type { ActionState } from "@/lib/workspace/action-state";

vi.setConfig({ testTimeout: 30_000 });

function recordingAction(result: (form: FormData) => ActionState) {
  const calls: FormData[] = [];
  const action = vi.fn(async (_prev: ActionState, form: FormData) => {
    calls.push(form);
    return result(form);
  });
  return { action, calls };
}

const nw6Group = () => screen.getByRole("group", { name: /Standard procedure \(Norwood 6 benchmark\)/ });

describe("PriceEditor", () => {
  it("refuses a bad minimum in place, then previews, confirms and publishes the fixed draft", async () => {
    const user = userEvent.setup({ delay: null });
    const { action, calls } = recordingAction(() => ({ status: "ok", message: "Version 2 is now the active price table." }));
    render(<PriceEditor action={action} active={DEFAULT_PRICE_TABLE} activeVersion={1} nextVersion={2} />);

    const min = within(nw6Group()).getByLabelText("Lowest price (USD)");
    const max = within(nw6Group()).getByLabelText("Highest price (USD)");
    expect(min).toHaveValue("5500");
    await user.clear(min);
    await user.type(min, "50");
    await user.click(screen.getByRole("button", { name: "Review changes" }));

    expect(await screen.findByText("The lowest price must be at least $100.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Some prices need another look. Nothing was published.");
    expect(min).toHaveValue("50");
    expect(min).toHaveAttribute("aria-invalid", "true");
    expect(min).toHaveFocus();
    expect(screen.queryByRole("heading", { name: /Publish version/ })).toBeNull();
    expect(action).not.toHaveBeenCalled();

    await user.clear(min);
    await user.type(min, "6000");
    await user.clear(max);
    await user.type(max, "6,000");

    // The preview: the benchmark case beside the active table, marked in words.
    const row = document.querySelector<HTMLTableRowElement>('tr[data-case="nw:6|full_shaved_look|no_scars"]');
    expect(row).not.toBeNull();
    expect(row).toHaveAttribute("data-changed", "true");
    expect(within(row!).getAllByRole("cell").map((c) => c.textContent)).toEqual(["$5,500", "$6,000", "Changes: lowest +$500, highest +$500"]);
    const untouched = document.querySelector<HTMLTableRowElement>('tr[data-case="nw:2|hairline_or_crown|no_scars"]');
    expect(within(untouched!).getAllByRole("cell").at(-1)).toHaveTextContent("No change");

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const heading = await screen.findByRole("heading", { name: "Publish version 2?" });
    expect(heading).toHaveFocus();
    const confirm = heading.closest("section")!;
    expect(confirm).toHaveTextContent(`of ${PRICE_CASES.length} prices patients see will change`);
    expect(within(confirm).getByText("Standard procedure (Norwood 6 benchmark), lowest price: $5,500 → $6,000")).toBeInTheDocument();
    expect(within(confirm).getByText("NW6 shaved: $5,500 → $6,000")).toBeInTheDocument();
    // While confirming, the figures cannot change under the confirmation.
    expect(min).toBeDisabled();

    await user.type(within(confirm).getByLabelText(/What changed/), "winter prices");
    await user.click(within(confirm).getByRole("button", { name: "Publish version 2" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    const sent = calls[0]!;
    expect(sent.get("standard_nw6.minUsd")).toBe("6000");
    expect(sent.get("standard_nw6.maxUsd")).toBe("6,000");
    expect(sent.get("scar_only.label")).toBe("Scar treatment only");
    expect(sent.get("baseVersion")).toBe("1");
    expect(sent.get("note")).toBe("winter prices");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Version 2 is now the active price table."));
  });

  it("Enter in a field reviews, never publishes; nothing changed says so", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = recordingAction(() => ({ status: "ok" }));
    render(<PriceEditor action={action} active={DEFAULT_PRICE_TABLE} activeVersion={1} nextVersion={2} />);
    await user.type(within(nw6Group()).getByLabelText("Lowest price (USD)"), "{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("Nothing changes: the draft is the same as the active table.");
    await user.type(within(nw6Group()).getByLabelText("Label shown to patients (English)"), " plus{Enter}");
    const heading = await screen.findByRole("heading", { name: "Publish version 2?" });
    expect(heading.closest("section")).toHaveTextContent("1 of 121 prices patients see will change (0 in their figures, 1 in their label only)");
    expect(action).not.toHaveBeenCalled();
  });

  it("shows each row's label as patients see it, in English and Spanish, as it is typed", async () => {
    const user = userEvent.setup({ delay: null });
    render(<PriceEditor action={recordingAction(() => ({ status: "ok" })).action} active={DEFAULT_PRICE_TABLE} activeVersion={1} nextVersion={2} />);
    const group = screen.getByRole("group", { name: /Scar treatment only/ });
    const label = within(group).getByLabelText("Label shown to patients (English)");
    await user.clear(label);
    await user.click(label);
    await user.paste("Scar camouflage, any size");
    const sees = within(group).getAllByRole("listitem");
    expect(sees[0]).toHaveTextContent("English: Scar camouflage, any size");
    expect(sees[0]).toHaveAttribute("lang", "en");
    expect(sees[1]).toHaveTextContent("Solo tratamiento de cicatrices");
    expect(sees[1]).toHaveAttribute("lang", "es");
  });

  it("the Spanish label is the admin's too: a blank one is refused in place (typed kept, focused first), then previewed and confirmed in both languages", async () => {
    const user = userEvent.setup({ delay: null });
    const { action, calls } = recordingAction(() => ({ status: "ok", message: "Version 2 is now the active price table." }));
    render(<PriceEditor action={action} active={DEFAULT_PRICE_TABLE} activeVersion={1} nextVersion={2} />);
    const group = nw6Group();
    const english = within(group).getByLabelText("Label shown to patients (English)");
    const spanish = within(group).getByLabelText("Label shown to patients (Spanish)");
    expect(spanish).toHaveValue("Procedimiento estándar (precio de referencia Norwood 6)");
    expect(spanish).toHaveAttribute("lang", "es");

    // Two errors: the first one in the form (the Spanish label, above the figures) takes the focus.
    await user.clear(spanish);
    await user.type(spanish, "   ");
    const min = within(group).getByLabelText("Lowest price (USD)");
    await user.clear(min);
    await user.type(min, "50");
    await user.clear(english);
    await user.type(english, "Full shaved look (Norwood 6)");
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    expect(await within(group).findByText("Please enter the Spanish label.")).toBeInTheDocument();
    expect(spanish).toHaveAttribute("aria-invalid", "true");
    expect(spanish).toHaveAccessibleDescription("Please enter the Spanish label.");
    expect(spanish).toHaveFocus();
    expect(spanish).toHaveValue("   ");
    expect(english).toHaveValue("Full shaved look (Norwood 6)");
    expect(min).toHaveValue("50");
    expect(within(group).getByText("The lowest price must be at least $100.")).toBeInTheDocument();
    expect(within(group).getAllByRole("listitem")[1]).toHaveTextContent("Spanish: no label yet");

    await user.clear(spanish);
    await user.click(spanish);
    await user.paste("Aspecto rapado completo (Norwood 6)");
    // Its message goes as soon as the field changes; the other field's stays until it changes too.
    expect(within(group).queryByText("Please enter the Spanish label.")).toBeNull();
    expect(spanish).not.toHaveAttribute("aria-invalid");
    expect(within(group).getByText("The lowest price must be at least $100.")).toBeInTheDocument();
    await user.clear(min);
    await user.type(min, "5500");
    expect(within(group).queryByText("The lowest price must be at least $100.")).toBeNull();
    const sees = within(group).getAllByRole("listitem");
    expect(sees[0]).toHaveTextContent("English: Full shaved look (Norwood 6)");
    expect(sees[1]).toHaveTextContent("Spanish: Aspecto rapado completo (Norwood 6)");

    // The preview shows both labels as patients will see them, old and new.
    const row = document.querySelector<HTMLTableRowElement>('tr[data-case="nw:6|full_shaved_look|no_scars"]')!;
    const labels = within(within(row).getByRole("rowheader")).getAllByRole("listitem");
    expect(labels[0]).toHaveAttribute("lang", "en");
    expect(labels[0]).toHaveTextContent("English: Standard procedure (Norwood 6 benchmark) Full shaved look (Norwood 6)");
    expect(labels[1]).toHaveAttribute("lang", "es");
    expect(within(labels[1]!).getByText("Procedimiento estándar (precio de referencia Norwood 6)").tagName).toBe("DEL");
    expect(within(labels[1]!).getByText("Aspecto rapado completo (Norwood 6)").tagName).toBe("INS");
    expect(within(row).getAllByRole("cell").at(-1)).toHaveTextContent("Changes: label");

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const confirm = (await screen.findByRole("heading", { name: "Publish version 2?" })).closest("section")!;
    expect(
      within(confirm).getByText("Standard procedure (Norwood 6 benchmark), Spanish label: “Procedimiento estándar (precio de referencia Norwood 6)” → “Aspecto rapado completo (Norwood 6)”"),
    ).toBeInTheDocument();
    expect(
      within(confirm).getByText(
        "NW6 shaved: English label “Standard procedure (Norwood 6 benchmark)” → “Full shaved look (Norwood 6)”; Spanish label “Procedimiento estándar (precio de referencia Norwood 6)” → “Aspecto rapado completo (Norwood 6)”",
      ),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Publish version 2" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    expect(calls[0]?.get("standard_nw6.labelEs")).toBe("Aspecto rapado completo (Norwood 6)");
    expect(calls[0]?.get("standard_nw6.label")).toBe("Full shaved look (Norwood 6)");
    expect(calls[0]?.get("scar_only.labelEs")).toBe("Solo tratamiento de cicatrices");
  });

  it("a refusal from the server returns to editing with the draft as typed and focus on the field", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = recordingAction((form) => ({
      status: "error",
      message: "Some prices need another look. Nothing was published.",
      fields: { "standard_with_scars.maxUsd": "A price cannot be above 1000000." },
      values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
    }));
    render(<PriceEditor action={action} active={DEFAULT_PRICE_TABLE} activeVersion={1} nextVersion={2} />);
    const group = screen.getByRole("group", { name: /Standard procedure with scars/ });
    const max = within(group).getByLabelText("Highest price (USD)");
    await user.clear(max);
    await user.type(max, "7500");
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    await user.click(await screen.findByRole("button", { name: "Publish version 2" }));
    expect(await within(group).findByText("A price cannot be above 1000000.")).toBeInTheDocument();
    expect(max).toHaveValue("7500");
    expect(max).toBeEnabled();
    await waitFor(() => expect(max).toHaveFocus());
    expect(screen.getByRole("button", { name: "Review changes" })).toBeInTheDocument();
  });
});

describe("PriceVersions", () => {
  const v2: PriceTable = { ...DEFAULT_PRICE_TABLE, version: 2, rows: { ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, minUsd: 6000, maxUsd: 6000 } } };
  const versions: PriceVersionRow[] = [
    { version: 2, active: true, createdAt: "2026-11-30T18:00:00.000Z", createdByName: "Ana Admin", note: "winter prices", table: v2 },
    { version: 1, active: false, createdAt: "2026-11-01T18:00:00.000Z", createdByName: null, note: "Seeded", table: DEFAULT_PRICE_TABLE },
  ];

  it("restore names what changes against the active version before it restores, as a new version", async () => {
    const user = userEvent.setup({ delay: null });
    const { action, calls } = recordingAction(() => ({ status: "ok", message: "Version 1 is restored as version 3." }));
    render(<PriceVersions versions={versions} action={action} timeZone="America/Los_Angeles" />);
    expect(screen.getByText("(active)").closest("tr")).toHaveTextContent("by Ana Admin");
    expect(screen.queryByRole("button", { name: "Restore version 2…" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Restore version 1…" }));
    const heading = await screen.findByRole("heading", { name: "Restore version 1 as version 3?" });
    expect(heading).toHaveFocus();
    const panel = heading.closest("form")!;
    expect(within(panel).getByText("NW6 shaved: $6,000 → $5,500")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Restore version 1" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    expect(calls[0]?.get("version")).toBe("1");
    expect(calls[0]?.get("baseVersion")).toBe("2");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Version 1 is restored as version 3."));
  });
});
