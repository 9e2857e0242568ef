// Backup file names: what we write, what we list, and the only names restore will accept.
// The time is in the name (UTC) so listing and retention need no metadata beside the files.

/** boxoffice-YYYYMMDD-HHMMSS-mmm.sqlite, with -N appended if two backups share a millisecond. */
export const BACKUP_RE = /^boxoffice-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})(?:-(\d+))?\.sqlite$/;
/** The engine's automatic copy before a schema migration: pre-migration-vA-to-vB-<epoch ms>.sqlite */
export const PRE_MIGRATION_RE = /^pre-migration-v\d+-to-v\d+-(\d+)\.sqlite$/;

export function backupName(now: number, suffix = 0): string {
  const d = new Date(now);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp =
    `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
  return `boxoffice-${stamp}${suffix ? `-${suffix}` : ''}.sqlite`;
}

/** When a backup was made, from its name; null for a name that is not one of ours. */
export function backupTime(name: string): number | null {
  const m = BACKUP_RE.exec(name);
  if (m) {
    const [, y, mo, d, h, mi, s, ms] = m.slice(0, 8).map(Number) as number[];
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
  }
  const pre = PRE_MIGRATION_RE.exec(name);
  if (pre) return Number(pre[1]);
  return null;
}

/** The -N of a second backup in the same millisecond (0 for the first), so it sorts as newer. */
export function backupSeq(name: string): number {
  return Number(BACKUP_RE.exec(name)?.[8] ?? 0);
}

/** A plain file name: no folder part and no way to climb out of the backup folder. */
export function isPlainName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && !name.includes('\\') && !name.includes('..') && !name.includes('\0') && name.trim() === name;
}
