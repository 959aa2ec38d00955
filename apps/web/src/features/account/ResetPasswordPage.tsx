// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ResetPasswordPage() {
  return <h1>Choose a new password</h1>;
}
