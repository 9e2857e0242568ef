// The manager's area: one tab per job (ARIA tabs, arrow keys between them). Every tab loads its own
// data through the api client; the engine's router checks the manager role on every call.
import { useRef, useState, type KeyboardEvent } from 'react';
import { BackupsTab } from './BackupsTab';
import { CountersTab } from './CountersTab';
import { HallsTab } from './HallsTab';
import { HouseSeatsTab } from './HouseSeatsTab';
import { MoviesTab } from './MoviesTab';
import { NotificationsTab } from './NotificationsTab';
import { PaymentsTab } from './PaymentsTab';
import { PricesTab } from './PricesTab';
import { PromosTab } from './PromosTab';
import { ReportsTab } from './ReportsTab';
import { ScheduleTab } from './ScheduleTab';
import { SettingsTab } from './SettingsTab';
import { StaffTab } from './StaffTab';
import './manager.css';

const TABS = [
  { id: 'movies', label: 'Movies', C: MoviesTab },
  { id: 'halls', label: 'Halls', C: HallsTab },
  { id: 'schedule', label: 'Schedule', C: ScheduleTab },
  { id: 'house', label: 'House seats', C: HouseSeatsTab },
  { id: 'prices', label: 'Prices', C: PricesTab },
  { id: 'promos', label: 'Promo codes', C: PromosTab },
  { id: 'staff', label: 'Staff & audit', C: StaffTab },
  { id: 'settings', label: 'Settings', C: SettingsTab },
  { id: 'notifications', label: 'Notifications', C: NotificationsTab },
  { id: 'reports', label: 'Reports', C: ReportsTab },
  { id: 'payments', label: 'Payments to check', C: PaymentsTab },
  { id: 'backups', label: 'Backups', C: BackupsTab },
  { id: 'counters', label: 'Counters', C: CountersTab },
] as const;

export type ManagerTab = (typeof TABS)[number]['id'];

export function ManagerScreen({ initialTab = 'movies' }: { initialTab?: ManagerTab }) {
  const [tab, setTab] = useState<ManagerTab>(initialTab);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = TABS.length - 1;
    if (j < 0) return;
    e.preventDefault();
    setTab(TABS[j]!.id);
    refs.current[j]?.focus();
  };
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  const Body = current.C;
  return (
    <div className="mgr">
      <div role="tablist" aria-label="Manager" className="mgr-tabs" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`mgr-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`mgr-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'is-selected' : ''}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`mgr-panel-${current.id}`} aria-labelledby={`mgr-tab-${current.id}`} className="mgr-panel">
        <Body />
      </div>
    </div>
  );
}
