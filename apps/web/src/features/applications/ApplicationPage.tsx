// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ApplicationPage() {
  return <h1>Application</h1>;
}
