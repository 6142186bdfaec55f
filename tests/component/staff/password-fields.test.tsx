/**
 * The three fields where a password is chosen (own change, new account, the admin's temporary one)
 * carry the password policy and the right browser hints (components/staff/NewPasswordField.tsx).
 */
import { render, screen } from "@testing-library/react";

import { ChangePasswordForm } from "@/components/staff/AccountForms";
import { CreateStaffUserForm, ResetPasswordForm } from "@/components/staff/StaffUserForms";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULES_TEXT } from "@/lib/staff/password-policy";
import { IDLE } from "@/lib/workspace/action-state";

const action = async () => IDLE;

function expectPolicy(input: HTMLElement) {
  expect(input).toBeRequired();
  expect(input).toHaveAttribute("minlength", String(PASSWORD_MIN_LENGTH));
  expect(input).toHaveAttribute("maxlength", String(PASSWORD_MAX_LENGTH));
}

it("own new password: hidden, the browser may suggest one, the rules as its description", () => {
  render(<ChangePasswordForm action={action} />);
  const input = screen.getByLabelText("New password");
  expectPolicy(input);
  expect(input).toHaveAttribute("name", "newPassword");
  expect(input).toHaveAttribute("type", "password");
  expect(input).toHaveAttribute("autocomplete", "new-password");
  expect(input).toHaveAccessibleDescription(PASSWORD_RULES_TEXT);
});

it("a new account's password: hidden, a new password", () => {
  render(<CreateStaffUserForm action={action} />);
  const input = screen.getByLabelText("Password");
  expectPolicy(input);
  expect(input).toHaveAttribute("name", "password");
  expect(input).toHaveAttribute("type", "password");
  expect(input).toHaveAttribute("autocomplete", "new-password");
  expect(input).toHaveAccessibleDescription(PASSWORD_RULES_TEXT);
});

it("the admin's temporary password: shown as typed, not saved or corrected by the browser", () => {
  render(<ResetPasswordForm action={action} userId="u1" name="Dana" />);
  const input = screen.getByLabelText("Temporary password for Dana");
  expectPolicy(input);
  expect(input).toHaveAttribute("name", "password");
  expect(input).toHaveAttribute("type", "text");
  expect(input).toHaveAttribute("autocomplete", "off");
  expect(input).toHaveAttribute("spellcheck", "false");
  expect(input).toHaveAccessibleDescription(`${PASSWORD_RULES_TEXT} They must change it when they next sign in.`);
});
