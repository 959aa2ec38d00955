// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ProgrammePage() {
  return <h1>Programme</h1>;
}
