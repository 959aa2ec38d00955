// PLACEHOLDER: the page comes with the rest of issue 8.
export default function FeedbackPage() {
  return <h1>Feedback</h1>;
}
