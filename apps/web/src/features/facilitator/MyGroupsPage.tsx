// PLACEHOLDER: the page comes with the rest of issue 8.
export default function MyGroupsPage() {
  return <h1>My groups</h1>;
}
