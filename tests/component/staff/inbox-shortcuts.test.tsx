/**
 * The inbox's keyboard: j / k move through the rows (focus on the name link, the row marked), Enter
 * opens, ? opens the shortcuts dialog (Esc closes it and the focus returns); nothing happens while
 * typing in an input, select or textarea, or with Ctrl / Alt / Cmd held.
 */
import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { InboxShortcuts, isTypingTarget, shortcutOf } from "@/components/staff/InboxShortcuts";

const NAMES = ["Dana Reyes", "Luis Ortega", "Mia Chen"];

function Page({ onOpen }: { onOpen: (name: string) => void }) {
  return (
    <>
      <InboxShortcuts />
      <label>
        Search <input type="search" name="q" />
      </label>
      <label>
        Status
        <select name="status">
          <option>Any</option>
        </select>
      </label>
      <label>
        Note <textarea name="note" />
      </label>
      <table>
        <tbody>
          {NAMES.map((name) => (
            <tr key={name} data-lead-row="">
              <th scope="row">
                <a
                  href={`#${name}`}
                  data-lead-link=""
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(name);
                  }}
                >
                  {name}
                </a>
              </th>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const link = (name: string) => screen.getByRole("link", { name });
const marked = () => Array.from(document.querySelectorAll("tr[data-current]")).map((row) => row.textContent);

describe("inbox shortcuts", () => {
  it("j and k move the focus and the marker through the rows, stopping at the ends; Enter opens", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Page onOpen={onOpen} />);
    await user.keyboard("j");
    expect(link("Dana Reyes")).toHaveFocus();
    expect(marked()).toEqual(["Dana Reyes"]);
    await user.keyboard("jj");
    expect(link("Mia Chen")).toHaveFocus();
    await user.keyboard("j");
    expect(link("Mia Chen")).toHaveFocus();
    await user.keyboard("k");
    expect(link("Luis Ortega")).toHaveFocus();
    expect(marked()).toEqual(["Luis Ortega"]);
    await user.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledWith("Luis Ortega");

    // The focus left the row (a click on the page body): Enter still opens the marked row.
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: "Enter" });
    expect(onOpen).toHaveBeenLastCalledWith("Luis Ortega");
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it("typing in a search box, a select or a textarea keeps its keys; Ctrl, Alt and Cmd are left alone", async () => {
    const user = userEvent.setup();
    render(<Page onOpen={() => {}} />);
    const search = screen.getByRole("searchbox", { name: "Search" });
    await user.click(search);
    await user.keyboard("jk?");
    expect(search).toHaveValue("jk?");
    expect(search).toHaveFocus();
    expect(marked()).toEqual([]);
    expect(screen.queryByRole("dialog")).toBeNull();

    const note = screen.getByRole("textbox", { name: "Note" });
    await user.click(note);
    await user.keyboard("j");
    expect(note).toHaveValue("j");
    expect(marked()).toEqual([]);

    const select = screen.getByRole("combobox", { name: "Status" });
    select.focus();
    fireEvent.keyDown(select, { key: "j" });
    expect(select).toHaveFocus();

    (document.activeElement as HTMLElement).blur();
    for (const modifier of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }, { shiftKey: true }]) {
      fireEvent.keyDown(document.body, { key: "j", ...modifier });
    }
    expect(marked()).toEqual([]);
    fireEvent.keyDown(document.body, { key: "?", ctrlKey: true });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("? opens the shortcuts dialog with the focus inside; Esc closes it and the focus goes back", async () => {
    const user = userEvent.setup();
    render(<Page onOpen={() => {}} />);
    await user.keyboard("j");
    expect(link("Dana Reyes")).toHaveFocus();
    await user.keyboard("?");
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toBeVisible();
    expect(dialog).toHaveTextContent("Next inquiry");
    expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
    // While it is open, j does not move the rows behind it.
    await user.keyboard("j");
    expect(marked()).toEqual(["Dana Reyes"]);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(link("Dana Reyes")).toHaveFocus();

    // The visible button opens it too.
    await user.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("isTypingTarget / shortcutOf: text fields and contenteditable type; checkboxes and links do not", () => {
    const input = (type: string) => Object.assign(document.createElement("input"), { type });
    expect(isTypingTarget(input("text"))).toBe(true);
    expect(isTypingTarget(input("search"))).toBe(true);
    expect(isTypingTarget(input("date"))).toBe(true);
    expect(isTypingTarget(input("checkbox"))).toBe(false);
    expect(isTypingTarget(document.createElement("select"))).toBe(true);
    expect(isTypingTarget(document.createElement("textarea"))).toBe(true);
    const editable = document.createElement("div");
    editable.setAttribute("contenteditable", "true");
    const inside = document.createElement("span");
    editable.append(inside);
    expect(isTypingTarget(inside)).toBe(true);
    expect(isTypingTarget(document.createElement("a"))).toBe(false);
    const base = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, defaultPrevented: false, target: document.body };
    expect(shortcutOf({ ...base, key: "j" })).toBe("next");
    expect(shortcutOf({ ...base, key: "?", shiftKey: true })).toBe("help");
    expect(shortcutOf({ ...base, key: "J", shiftKey: true })).toBeNull();
    expect(shortcutOf({ ...base, key: "j", isComposing: true })).toBeNull();
    expect(shortcutOf({ ...base, key: "j", defaultPrevented: true })).toBeNull();
  });
});
