import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

/**
 * One polite live region (role="status") for the whole console: status changes, results of
 * actions and stream losses are read out by screen readers, and shown.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const announce = useCallback((next: string) => {
    // Clearing first makes a repeated sentence be read again.
    setText('');
    queueMicrotask(() => {
      setText(next);
    });
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="announcer" role="status" aria-live="polite" data-testid="announcer">
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Says something through the console's live region. */
export function useAnnounce() {
  return useContext(AnnounceContext);
}
