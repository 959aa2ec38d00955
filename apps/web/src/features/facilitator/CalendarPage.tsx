// PLACEHOLDER: the page comes with the rest of issue 8.
export default function CalendarPage() {
  return <h1>Calendar</h1>;
}
