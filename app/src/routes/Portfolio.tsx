export default function Portfolio(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Portfolio</h1>
    </section>
  );
}
