import type { OpsSnapshot } from './api';

/** The ops side: the console's calls as recorded, the catalogue metrics, callbacks, dead letters, the report. */

/** How the calls table's outcomes read in French. */
const OUTCOMES: Readonly<Record<string, string>> = {
  answered: 'Répondu',
  missed_in_queue: 'Raccroché en attente',
  abandoned_in_ivr: 'Raccroché avant la file',
  out_of_hours: 'Hors horaires',
};

const seconds = (value: number | undefined) => (value === undefined ? '—' : `${value} s`);

function parisTime(iso: string | undefined): string {
  if (iso === undefined) return '—';
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function OpsPanel({ ops }: { readonly ops: OpsSnapshot | undefined }) {
  return (
    <section id="exploitation" className="panneau" aria-labelledby="titre-exploitation">
      <h2 id="titre-exploitation">Exploitation</h2>
      {ops === undefined ? (
        <p>Chargement…</p>
      ) : (
        <>
          <table data-testid="appels">
            <caption>Appels du jour et appels passés dans la console</caption>
            <thead>
              <tr>
                <th scope="col">Début</th>
                <th scope="col">Issue</th>
                <th scope="col">Attente</th>
                <th scope="col">Conversation</th>
                <th scope="col">Qualifié</th>
              </tr>
            </thead>
            <tbody>
              {ops.calls.length === 0 ? (
                <tr>
                  <td colSpan={5}>Aucun appel.</td>
                </tr>
              ) : (
                ops.calls.map((call) => (
                  <tr key={call.contactId} data-outcome={call.outcome ?? ''}>
                    <td>{parisTime(call.initiatedAt)}</td>
                    <td>
                      {call.outcome === undefined ? 'En cours' : (OUTCOMES[call.outcome] ?? call.outcome)}
                    </td>
                    <td>{seconds(call.waitSeconds)}</td>
                    <td>{seconds(call.talkSeconds)}</td>
                    <td>{call.qualified ? 'Oui' : 'Non'}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>

          <table data-testid="metriques">
            <caption>Métriques du catalogue (totaux depuis le démarrage)</caption>
            <thead>
              <tr>
                <th scope="col">Métrique</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {ops.metrics.map((metric) => (
                <tr key={metric.name} data-metric={metric.name}>
                  <th scope="row">{metric.name}</th>
                  <td>
                    {metric.sum} {metric.unit === 'Seconds' ? 's' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Rappels</h3>
          <p data-testid="rappels">
            {ops.callbacks.open} ouverts, dont {ops.callbacks.overdue} en retard
            {Object.keys(ops.callbacks.byPartner).length > 0
              ? ` (${Object.entries(ops.callbacks.byPartner)
                  .map(([partner, count]) => `${partner} : ${count}`)
                  .join(', ')})`
              : ''}
          </p>
          <h3>Files de lettres mortes</h3>
          <ul>
            {ops.deadLetterQueues.map((queue) => (
              <li key={queue.name}>
                {queue.name} : {queue.depth} message{queue.depth > 1 ? 's' : ''}
              </li>
            ))}
          </ul>
          <h3>Rapport mensuel</h3>
          {ops.latestReport === undefined ? (
            <p>Aucun rapport pour l’instant (npm run report).</p>
          ) : (
            <p>
              <a href={`/reports/${ops.latestReport}`}>Dernier rapport : {ops.latestReport}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
