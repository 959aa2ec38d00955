// PLACEHOLDER: the page comes with the rest of issue 8.
export default function SessionsPage() {
  return <h1>My sessions</h1>;
}
