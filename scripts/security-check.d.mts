// Types for the one export the tests use (the script itself stays plain JS so it runs with node).
export interface Finding {
  issue: string;
  level: string;
  file: string;
  location: string;
  description: string;
}
export function readSarif(text: string): Finding[];
