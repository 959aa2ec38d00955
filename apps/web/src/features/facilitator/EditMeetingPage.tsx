// PLACEHOLDER: the page comes with the rest of issue 8.
export default function EditMeetingPage() {
  return <h1>Edit meeting</h1>;
}
