// Types for the esbuild options module (the module itself stays plain JS so it runs with node).
import type { BuildOptions } from 'esbuild';
export const root: string;
export function commonOptions(production: boolean): BuildOptions;
export function mainOptions(production: boolean): BuildOptions;
export function hostOptions(production: boolean): BuildOptions;
