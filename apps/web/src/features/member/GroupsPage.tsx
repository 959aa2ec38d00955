// PLACEHOLDER: the page comes with the rest of issue 8.
export default function GroupsPage() {
  return <h1>Groups</h1>;
}
