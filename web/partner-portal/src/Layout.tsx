import type { ReactNode } from 'react';
import type { PartnerId } from '#domain/partners';
import { useOnline } from './hooks';
import { PARTNER_NAMES } from './labels';
import { OFFLINE_MESSAGE } from './messages';
import { navigate } from './router';
import { StatusRegionProvider } from './StatusRegion';

/** The frame of every page: skip link, header, network banner, the main region, status messages. */
export function Layout({
  children,
  onSignOut,
  partnerId,
  username,
}: {
  readonly children: ReactNode;
  readonly onSignOut?: () => void;
  readonly partnerId?: PartnerId;
  readonly username?: string;
}) {
  const online = useOnline();
  return (
    <StatusRegionProvider>
      <a className="lien-evitement" href="#contenu">
        Aller au contenu
      </a>
      <header className="entete">
        <div className="entete-interieur">
          <p className="marque">
            {partnerId === undefined ? (
              'Un premier pas · Espace partenaires'
            ) : (
              <a
                href="/"
                onClick={(event) => {
                  event.preventDefault();
                  navigate('/');
                }}
              >
                Un premier pas · Espace partenaires
              </a>
            )}
          </p>
          {onSignOut === undefined ? null : (
            <div className="entete-session">
              {partnerId === undefined ? null : (
                <span>
                  {username ? `${username} · ` : ''}
                  {PARTNER_NAMES[partnerId]}
                </span>
              )}
              <button type="button" className="bouton bouton-discret" onClick={onSignOut}>
                Se déconnecter
              </button>
            </div>
          )}
        </div>
      </header>
      <div className="bandeaux">
        {online ? null : (
          <p className="bandeau bandeau-alerte" role="alert">
            {OFFLINE_MESSAGE}
          </p>
        )}
      </div>
      <main id="contenu" tabIndex={-1} className="contenu">
        {children}
      </main>
      <footer className="pied">
        <p>
          Urgence : 17 · SMS 114 · Violences Femmes Info 3919. Les numéros ouverts sont tracés ; ne les notez
          nulle part.
        </p>
      </footer>
    </StatusRegionProvider>
  );
}
