export default function Channels(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Channels</h1>
    </section>
  );
}
