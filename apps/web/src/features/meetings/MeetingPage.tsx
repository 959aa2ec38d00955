// PLACEHOLDER: the page comes with the rest of issue 8.
export default function MeetingPage() {
  return <h1>Meeting</h1>;
}
