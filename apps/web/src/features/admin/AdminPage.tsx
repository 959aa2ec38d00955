// PLACEHOLDER: the page comes with the rest of issue 8.
export default function AdminPage() {
  return <h1>Admin</h1>;
}
