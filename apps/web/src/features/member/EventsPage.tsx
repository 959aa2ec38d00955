// PLACEHOLDER: the page comes with the rest of issue 8.
export default function EventsPage() {
  return <h1>Open events</h1>;
}
