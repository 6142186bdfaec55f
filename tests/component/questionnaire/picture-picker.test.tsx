import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { PicturePicker } from "@/components/questionnaire/PicturePicker";
import { NorwoodPicture } from "@/components/questionnaire/scalp-illustrations";
import { renderWithIntl } from "./render-with-intl";

const OPTIONS = (["1", "2", "3V"] as const).map((stage) => ({
  value: stage,
  name: `Norwood ${stage === "3V" ? "3 vertex" : stage}`,
  description: `Picture ${stage}`,
  picture: <NorwoodPicture stage={stage} title={`Norwood ${stage}`} decorative />,
}));

function Harness() {
  const [value, setValue] = useState<string | undefined>(undefined);
  return (
    <PicturePicker name="stage" legend="Which picture?" hint="Closest one" options={OPTIONS} value={value} onChange={setValue} error={undefined} />
  );
}

describe("PicturePicker", () => {
  it("is a labelled radio group whose cards are named by their words", () => {
    renderWithIntl(<Harness />);
    expect(screen.getByRole("radiogroup", { name: "Which picture?" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Norwood 3 vertex: Picture 3V" })).toBeInTheDocument();
    expect(screen.getAllByRole("radio")).toHaveLength(3);
  });

  it("moves the selection with the arrow keys, like any native radio group", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Harness />);
    await user.click(screen.getByRole("radio", { name: /^Norwood 1:/ }));
    expect(screen.getByRole("radio", { name: /^Norwood 1:/ })).toBeChecked();

    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("radio", { name: /^Norwood 2:/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: /^Norwood 2:/ })).toHaveFocus();

    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("radio", { name: /^Norwood 3 vertex:/ })).toBeChecked();

    await user.keyboard("{ArrowUp}");
    expect(screen.getByRole("radio", { name: /^Norwood 2:/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: /^Norwood 1:/ })).not.toBeChecked();
  });

  it("gives every drawing a title but hides it from screen readers inside a card", () => {
    const { container } = renderWithIntl(<Harness />);
    const svgs = container.querySelectorAll("svg");
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      expect(svg.getAttribute("aria-hidden")).toBe("true");
      expect(svg.querySelector("title")?.textContent).toMatch(/^Norwood /);
      expect(svg.getAttribute("viewBox")).toBe("0 0 120 140");
    }
  });
});
