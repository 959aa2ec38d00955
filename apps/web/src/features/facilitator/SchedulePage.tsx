// PLACEHOLDER: the page comes with the rest of issue 8.
export default function SchedulePage() {
  return <h1>Schedule</h1>;
}
