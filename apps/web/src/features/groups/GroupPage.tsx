// PLACEHOLDER: the page comes with the rest of issue 8.
export default function GroupPage() {
  return <h1>Group</h1>;
}
