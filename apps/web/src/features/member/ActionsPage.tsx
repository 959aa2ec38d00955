// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ActionsPage() {
  return <h1>My actions</h1>;
}
