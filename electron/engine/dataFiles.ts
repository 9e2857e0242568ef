// The names inside a box office's data folder, the same for the desktop app (Electron's userData)
// and the browser host (--data or the same per-user folder), so either can open the other's data.
export const DB_FILE = 'boxoffice.sqlite';
export const BACKUP_DIR = 'backups';
export const LOG_DIR = 'logs';
