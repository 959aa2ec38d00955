// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ProgrammesPage() {
  return <h1>Programmes</h1>;
}
