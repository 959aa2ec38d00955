// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ApplicationsPage() {
  return <h1>My applications</h1>;
}
