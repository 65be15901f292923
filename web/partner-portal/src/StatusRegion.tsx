import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

/**
 * One polite live region for the page's status messages ("Liste mise à jour", "Demande prise en
 * charge"), so screen-reader users hear what changed without losing their place.
 */

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function StatusRegionProvider({ children }: { readonly children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Emptied first, so the same text twice is spoken twice.
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visuellement-cache" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
