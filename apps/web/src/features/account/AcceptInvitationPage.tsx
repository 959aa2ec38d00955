// PLACEHOLDER: the page comes with the rest of issue 8.
export default function AcceptInvitationPage() {
  return <h1>Set your password</h1>;
}
