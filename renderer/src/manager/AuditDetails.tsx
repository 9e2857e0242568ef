// One audit entry's details: a change recorded as readable before/after values (pricing.save,
// issue 13) is shown as such; anything else as compact JSON, as before.
interface Change { what: string; before: string; after: string }

function changesOf(details: unknown): Change[] | null {
  const c = (details as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(c) || !c.every((x) => x && typeof x === 'object' && 'what' in x && 'before' in x && 'after' in x)) return null;
  return c as Change[];
}

export function AuditDetails({ details }: { details: unknown }) {
  if (details === null || details === undefined) return null;
  const changes = changesOf(details);
  if (changes) {
    if (changes.length === 0) return <span className="muted">no change</span>;
    return (
      <ul className="audit-changes">
        {changes.map((c, i) => (
          <li key={i}>
            {c.what}: {c.before || '—'} → {c.after || '—'}
          </li>
        ))}
      </ul>
    );
  }
  return <code>{JSON.stringify(details).slice(0, 200)}</code>;
}
