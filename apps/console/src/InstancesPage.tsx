import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useAnnounce } from './announcer.js';
import { CreateDialog } from './CreateDialog.js';
import { useI18n, type MessageKey } from './i18n/i18n.js';
import { InstancePanel } from './InstancePanel.js';
import {
  connectionOf,
  filterInstances,
  formatDue,
  sortInstances,
  type SortDirection,
  type SortKey,
} from './instances-view.js';
import { createLiveClient } from './live.js';
import { useInstanceEvents } from './use-instance-events.js';
import { useInstances, type InstanceRow } from './use-instances.js';
import { useViewer } from './viewer.js';

const COLUMNS: { key: SortKey; label: MessageKey }[] = [
  { key: 'name', label: 'colName' },
  { key: 'status', label: 'colStatus' },
  { key: 'due', label: 'colDue' },
];

/** The instances page: scopes, search, the sortable list, create, and one instance's panel. */
export function InstancesPage() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const announce = useAnnounce();
  const canRead = viewer.scopes.includes('read');
  const canWrite = viewer.scopes.includes('write');
  const list = useInstances(canRead);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'name',
    direction: 'asc',
  });
  const [creating, setCreating] = useState(false);
  const [selectedId, setSelectedId] = useState<string>();
  const createButton = useRef<HTMLButtonElement>(null);

  const liveClient = useMemo(() => createLiveClient(viewer.key), [viewer.key]);
  // Watched: what the agent sees (the first 100 shown); set after filtering, below.
  const [watchedIds, setWatchedIds] = useState<readonly string[]>([]);
  const live = useInstanceEvents(canRead ? liveClient : undefined, watchedIds);
  // Each row with its latest live event applied: the stream is fresher than the last read.
  const rows = useMemo(
    () =>
      list.rows.map((row) => {
        const event = live.latest.get(row.id);
        return event ? { ...row, whatsappConnected: event.state === 'CONNECTED' } : row;
      }),
    [list.rows, live.latest],
  );
  const sorted = useMemo(() => sortInstances(rows, sort.key, sort.direction), [rows, sort]);
  const shown = useMemo(() => filterInstances(sorted, deferredQuery), [sorted, deferredQuery]);
  const shownIds = shown
    .slice(0, 100)
    .map((row) => row.id)
    .join(',');
  useEffect(() => {
    setWatchedIds(shownIds === '' ? [] : shownIds.split(','));
  }, [shownIds]);
  const selected = rows.find((row) => row.id === selectedId);
  const names = useMemo(() => new Map(list.rows.map((row) => [row.id, row.name])), [list.rows]);

  // Announce connection changes of listed instances (from refreshes or live events).
  const lastStatus = useRef(new Map<string, string>());
  useEffect(() => {
    const changes: string[] = [];
    for (const row of rows) {
      const status = connectionOf(row);
      const before = lastStatus.current.get(row.id);
      if (before !== undefined && before !== status)
        changes.push(`${row.name}: ${t(`status_${status}`)}`);
      lastStatus.current.set(row.id, status);
    }
    if (changes.length > 0 && changes.length <= 3) announce(changes.join('. '));
  }, [rows, announce, t]);

  const dueFormatter = (row: InstanceRow) => formatDue(row.due, locale);

  return (
    <main id="main" tabIndex={-1}>
      <section className="viewer" aria-label={t('scopes')}>
        <span>{t('scopes')}:</span>{' '}
        <ul className="scopes">
          {viewer.scopes.map((scope) => (
            <li key={scope} className="scope">
              {t(`scope_${scope}`)}
            </li>
          ))}
        </ul>
        {viewer.open && <span className="hint">{t('openSandbox')}</span>}
        {!canWrite && <p className="hint">{t('needsWrite')}</p>}
      </section>

      <div className="toolbar">
        <h2 id="instances-title">{t('instances')}</h2>
        <label className="search">
          <span className="visually-hidden">{t('search')}</span>
          <input
            type="search"
            placeholder={t('search')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            void list.refresh();
          }}
        >
          {t('refresh')}
        </button>
        <button
          ref={createButton}
          type="button"
          className="primary"
          disabled={!canWrite}
          title={canWrite ? undefined : t('needsWrite')}
          aria-describedby={canWrite ? undefined : 'needs-write'}
          onClick={() => {
            setCreating(true);
          }}
        >
          {t('create')}
        </button>
        <span id="needs-write" hidden>
          {t('needsWrite')}
        </span>
        <span
          className={live.state === 'reconnecting' || list.failing ? 'live failing' : 'live'}
          data-testid="live-indicator"
        >
          {live.state === 'reconnecting' || list.failing
            ? t('reconnecting')
            : live.state === 'live'
              ? t('liveNow')
              : list.updatedAt
                ? t('liveUpdates', { time: list.updatedAt.toLocaleTimeString(locale) })
                : ''}
        </span>
      </div>
      {!canRead && <p className="hint">{t('needsRead')}</p>}
      {list.error && <p className="error">{list.error}</p>}
      <p className="count" data-testid="count">
        {t('instancesCount', {
          shown: shown.length,
          total: Math.max(list.total, list.rows.length),
        })}
      </p>
      <section className="events" aria-labelledby="events-title" data-testid="events">
        <h2 id="events-title">{t('events')}</h2>
        {live.events.length === 0 ? (
          <p className="hint">{t('noEvents')}</p>
        ) : (
          <ol>
            {live.events.map((event) => (
              <li key={`${event.instanceId}-${event.at}-${event.state}`}>
                <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString(locale)}</time>{' '}
                {names.get(event.instanceId) ?? event.instanceId}: {t(`state_${event.state}`)}
                {event.phone ? ` (${event.phone})` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>

      <div className="layout">
        <table aria-labelledby="instances-title" className="instances">
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={
                      active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() => {
                        setSort({
                          key: column.key,
                          direction: active && sort.direction === 'asc' ? 'desc' : 'asc',
                        });
                      }}
                    >
                      {t(column.label)}
                      <span aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t('colPayment')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const status = connectionOf(row);
              return (
                <tr key={row.id} className={row.id === selectedId ? 'selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`${t('open')} ${row.name}`}
                      onClick={() => {
                        setSelectedId(row.id);
                      }}
                    >
                      {row.name}
                    </button>
                    {row.sandbox && (
                      <span className="badge sandbox small">{t('sandboxBadge')}</span>
                    )}
                  </td>
                  <td>
                    <span className={`status ${status}`} data-testid="status">
                      {t(`status_${status}`)}
                    </span>
                  </td>
                  <td>
                    {row.due ? (
                      <time dateTime={row.due} title={row.due}>
                        {dueFormatter(row)}
                      </time>
                    ) : (
                      t('noDue')
                    )}
                  </td>
                  <td>
                    {row.paymentStatus
                      ? t(`payment_${row.paymentStatus}`)
                      : (row.rawPaymentStatus ?? t('payment_unknown'))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {list.loading && <p className="loading">{t('loading')}</p>}
        {!list.loading && list.rows.length === 0 && canRead && <p>{t('noInstances')}</p>}
        {!list.loading && list.rows.length > 0 && shown.length === 0 && (
          <p>{t('noMatch', { query: deferredQuery })}</p>
        )}
        {selected && (
          <InstancePanel
            key={selected.id}
            instance={selected}
            onClose={() => {
              setSelectedId(undefined);
            }}
            onChanged={() => {
              void list.refresh();
            }}
          />
        )}
      </div>

      {creating && (
        <CreateDialog
          onClose={() => {
            setCreating(false);
            createButton.current?.focus();
          }}
          onCreated={(id) => {
            void list.refresh().then(() => {
              setSelectedId(id);
            });
          }}
        />
      )}
    </main>
  );
}
