// PLACEHOLDER: the page comes with the rest of issue 8.
export default function ProfilePage() {
  return <h1>Profile</h1>;
}
