export default function AimPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>AimPage</h1>
    </section>
  );
}
