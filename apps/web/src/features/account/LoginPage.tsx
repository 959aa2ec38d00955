// PLACEHOLDER: the page comes with the rest of issue 8.
export default function LoginPage() {
  return <h1>Sign in</h1>;
}
