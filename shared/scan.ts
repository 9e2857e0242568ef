// What a door scanner (or camera) read, turned into the code admissions.scan takes. A QR printed
// by the box office reads BOXOFFICE:<code>:<seats>; a scanner used as a keyboard types that, or
// the bare code typed by hand. Pure, so the door page and the tests share it.
export function codeFromScan(text: string): string {
  const t = text.trim();
  const m = /^BOXOFFICE:([A-Za-z0-9]+)(?::|$)/i.exec(t);
  return (m ? m[1]! : t).replace(/\s+/g, '').toUpperCase();
}
