// PLACEHOLDER: the page comes with the rest of issue 8.
export default function RunSessionPage() {
  return <h1>Run session</h1>;
}
