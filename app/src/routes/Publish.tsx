export default function Publish(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Publish</h1>
    </section>
  );
}
