/**
 * The inbox's bulk bar: the row checkboxes live in the tables and belong to the bar's form through
 * `form=`; "select all on this page" ticks them all; the action receives exactly the ticked ids with
 * the versions the rows were rendered with; the outcome is announced, and the ticks are cleared after
 * a success (the form reset covers the associated boxes too).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { BulkActions } from "@/components/staff/BulkActions";
import { BULK_NOBODY, leadBulkFromForm, leadBulkSchema } from "@/lib/leads/lead-patch";
import type { ActionState } from "@/lib/workspace/action-state";

const STAFF = [
  { id: "u-ana", name: "Ana" },
  { id: "u-ben", name: "Ben" },
];
const ROWS = [
  { id: "lead-1", name: "Dana Reyes", version: 3 },
  { id: "lead-2", name: "Luis Ortega", version: 1 },
  { id: "lead-3", name: "Mia Chen", version: 7 },
];

function Inbox({ action }: { action: (prev: ActionState, form: FormData) => Promise<ActionState> }) {
  return (
    <>
      <BulkActions action={action} formId="bulk" staff={STAFF} reloadHref="/staff?view=all" />
      <table>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.id}>
              <td>
                <input type="checkbox" name="ids" value={row.id} form="bulk" aria-label={`Select ${row.name}`} />
                <input type="hidden" name={`version.${row.id}`} value={row.version} form="bulk" />
              </td>
              <th scope="row">{row.name}</th>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

describe("bulk bar", () => {
  it("select all, assign: the action gets every ticked id with its version; the message names the outcome; the ticks clear", async () => {
    const user = userEvent.setup();
    const received: unknown[] = [];
    const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
      received.push(leadBulkSchema.parse(leadBulkFromForm(form)));
      return { status: "ok", message: "3 inquiries assigned to Ana." };
    };
    render(<Inbox action={action} />);

    const all = screen.getByRole("checkbox", { name: "Select all 3 on this page" });
    expect(screen.getByText("0 of 3 selected.")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Select Luis Ortega" }));
    expect(screen.getByText("1 of 3 selected.")).toBeInTheDocument();
    expect((all as HTMLInputElement).indeterminate).toBe(true);
    await user.click(all);
    expect(screen.getByText("3 of 3 selected.")).toBeInTheDocument();
    for (const row of ROWS) expect(screen.getByRole("checkbox", { name: `Select ${row.name}` })).toBeChecked();

    await user.selectOptions(screen.getByLabelText("Assign to"), "Ana");
    await user.click(screen.getByRole("button", { name: "Apply to 3 selected" }));

    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("3 inquiries assigned to Ana."));
    expect(received).toEqual([{ ids: ["lead-1", "lead-2", "lead-3"], assigneeId: "u-ana", versions: { "lead-1": 3, "lead-2": 1, "lead-3": 7 } }]);
    // The form was reset: nothing ticked, the selects back to "No change", the count follows.
    await waitFor(() => expect(screen.getByText("0 of 3 selected.")).toBeInTheDocument());
    for (const row of ROWS) expect(screen.getByRole("checkbox", { name: `Select ${row.name}` })).not.toBeChecked();
    expect(screen.getByLabelText("Assign to")).toHaveValue("");

    // Ticking the next box starts the next change: the old message goes away.
    await user.click(screen.getByRole("checkbox", { name: "Select Mia Chen" }));
    expect(screen.getByRole("status")).toHaveTextContent("");
  });

  it("an error is an alert and names the people; a conflict offers the reload; 'Nobody' is null and an unchosen status is absent", async () => {
    const user = userEvent.setup();
    const forms: FormData[] = [];
    let answer: ActionState = { status: "conflict", message: "Nothing was changed: Dana Reyes was changed by someone else since this page was loaded." };
    const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
      forms.push(form);
      return answer;
    };
    render(<Inbox action={action} />);
    await user.click(screen.getByRole("checkbox", { name: "Select Dana Reyes" }));
    await user.selectOptions(screen.getByLabelText("Assign to"), "Nobody");
    await user.click(screen.getByRole("button", { name: "Apply to 1 selected" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Dana Reyes was changed by someone else"));
    expect(screen.getByRole("link", { name: "Reload the inbox" })).toHaveAttribute("href", "/staff?view=all");
    expect(leadBulkFromForm(forms[0] as FormData)).toEqual({ ids: ["lead-1"], versions: { "lead-1": 3 }, assigneeId: null });
    expect(BULK_NOBODY).toBe("none");

    answer = { status: "error", message: "Nothing was changed.", fields: { ids: "Select at least one inquiry." } };
    await act(async () => {
      (screen.getByRole("checkbox", { name: "Select Dana Reyes" }) as HTMLInputElement).checked = false;
    });
    await user.selectOptions(screen.getByLabelText("Set status"), "Contacted");
    await user.click(screen.getByRole("button", { name: /^Apply to/ }));
    await waitFor(() => expect(screen.getByText("Select at least one inquiry.")).toBeInTheDocument());
    expect(leadBulkFromForm(forms[1] as FormData)).toEqual({ ids: [], status: "contacted" });
    expect(screen.queryByRole("link", { name: "Reload the inbox" })).toBeNull();
  });

  it("the schema refuses what the bar cannot send either: no change at all, 'not proceeding', more than 100", () => {
    expect(leadBulkSchema.safeParse({ ids: ["a"] }).success).toBe(false);
    expect(leadBulkSchema.safeParse({ ids: ["a"], status: "not_proceeding" }).success).toBe(false);
    expect(leadBulkSchema.safeParse({ ids: Array.from({ length: 101 }, (_, i) => `l${i}`), assigneeId: null }).success).toBe(false);
    expect(leadBulkSchema.safeParse({ ids: ["a"], assigneeId: null, versions: { a: 0 } }).success).toBe(false);
  });
});
