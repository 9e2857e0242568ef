// The lost-connection banner: shown while the host cannot be reached, then "reconnected".
import { useConnection } from '../../stores/connection';

export function ConnectionBanner() {
  const status = useConnection((s) => s.status);
  if (status === 'online') return null;
  return status === 'lost' ? (
    <div className="banner banner--lost" role="alert">
      Lost connection to the box office server. Retrying… Nothing is sold until it answers.
    </div>
  ) : (
    <div className="banner banner--ok" role="status">
      Reconnected. The seat map has been refreshed.
    </div>
  );
}
