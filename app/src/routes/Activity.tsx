export default function Activity(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Activity</h1>
    </section>
  );
}
