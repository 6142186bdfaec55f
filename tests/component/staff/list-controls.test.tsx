/**
 * The controls the inbox and the audit log share (components/staff/ListControls.tsx): labelled date
 * inputs named from/to with their errors wired to them; Show (submit) and Clear (a link); a "Pages"
 * landmark whose links are reached with Tab, and whose empty places keep the other parts where they are.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { DateRangeFields, FilterButtons, Pager } from "@/components/staff/ListControls";

describe("DateRangeFields", () => {
  it("two labelled date inputs named from and to, with the values given", () => {
    render(
      <form aria-label="filters">
        <DateRangeFields idPrefix="f" fromLabel="Received from" toLabel="Received to" from="2026-03-01" to={undefined} errors={{}} />
      </form>,
    );
    const from = screen.getByLabelText("Received from");
    const to = screen.getByLabelText("Received to");
    expect(from).toHaveAttribute("type", "date");
    expect(from).toHaveAttribute("name", "from");
    expect(from).toHaveAttribute("id", "f-from");
    expect(from).toHaveValue("2026-03-01");
    expect(from).not.toHaveAttribute("aria-invalid");
    expect(to).toHaveAttribute("name", "to");
    expect(to).toHaveAttribute("id", "f-to");
    expect(to).toHaveValue("");
  });

  it("an error is read with its field and marks it invalid", () => {
    render(<DateRangeFields idPrefix="a" fromLabel="From" toLabel="To" from={undefined} to={undefined} errors={{ to: "Not a date." }} />);
    const to = screen.getByLabelText("To");
    expect(to).toHaveAttribute("aria-invalid", "true");
    expect(to).toHaveAccessibleDescription("Not a date.");
    expect(screen.getByLabelText("From")).not.toHaveAttribute("aria-invalid");
  });
});

describe("Pager", () => {
  it("both links in a Pages landmark, reached in order with Tab", async () => {
    const user = userEvent.setup();
    render(<Pager back={{ href: "/staff/audit?page=1", label: "Previous page (newer)" }} position="Page 2 of 3" next={{ href: "/staff/audit?page=3", label: "Next page (older)" }} />);
    const nav = screen.getByRole("navigation", { name: "Pages" });
    expect(nav).toHaveTextContent("Page 2 of 3");
    const links = within(nav).getAllByRole("link");
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Previous page (newer)", "/staff/audit?page=1"],
      ["Next page (older)", "/staff/audit?page=3"],
    ]);
    await user.tab();
    expect(links[0]).toHaveFocus();
    await user.tab();
    expect(links[1]).toHaveFocus();
  });

  it("a missing link leaves an empty place: three children, the position in the middle", () => {
    render(<Pager back={null} position="Page 1" next={{ href: "/staff?page=2", label: "Next page (older)" }} />);
    const nav = screen.getByRole("navigation", { name: "Pages" });
    expect(nav.children).toHaveLength(3);
    expect(nav.children[0]?.textContent).toBe("");
    expect(nav.children[1]?.textContent).toBe("Page 1");
    expect(within(nav).getAllByRole("link")).toHaveLength(1);
  });
});

describe("FilterButtons", () => {
  it("Show submits the form; Clear is a link to the list without filters", () => {
    render(
      <form aria-label="filters">
        <FilterButtons clearHref="/staff/audit" />
      </form>,
    );
    expect(screen.getByRole("button", { name: "Show" })).toHaveAttribute("type", "submit");
    expect(screen.getByRole("link", { name: "Clear" })).toHaveAttribute("href", "/staff/audit");
  });
});
