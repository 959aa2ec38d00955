// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ForgotPasswordPage() {
  return <h1>Forgotten password</h1>;
}
