// PLACEHOLDER: the page comes with the rest of issue 8.
export default function FirmPage() {
  return <h1>My firm</h1>;
}
