import { useEffect, useRef } from 'react';

/** The pages shown without a usable session: sign in, or refused (no association). */

export function SignInPage({
  message,
  onSignIn,
}: {
  readonly message?: string | undefined;
  readonly onSignIn: () => void;
}) {
  return (
    <>
      <h1>Espace partenaires</h1>
      {message === undefined ? null : (
        <p className="message message-info" role="status">
          {message}
        </p>
      )}
      <p>
        Les associations partenaires de la ligne Un premier pas (CIDFF 94, APCARS 94, APCE 94) y traitent les
        demandes de rappel qui leur sont confiées.
      </p>
      <button type="button" className="bouton" onClick={onSignIn}>
        Se connecter
      </button>
    </>
  );
}

export function RefusedPage({ onSignOut }: { readonly onSignOut: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Accès refusé
      </h1>
      <p className="message message-erreur" role="alert">
        Votre compte n'est rattaché à aucune association partenaire : l'espace partenaires ne vous est pas
        ouvert.
      </p>
      <p>
        Si c'est une erreur, demandez à l'équipe Un premier pas de rattacher votre compte à votre association.
      </p>
      <button type="button" className="bouton" onClick={onSignOut}>
        Se déconnecter
      </button>
    </>
  );
}
