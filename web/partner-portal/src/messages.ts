import type { ApiFailure } from './api';

/**
 * What the page says for each API failure: what happened and what to do, in French. The 404 text is
 * fixed: it must not reveal whether the request exists for another association.
 */

export const NOT_FOUND_MESSAGE = "Cette demande n'existe pas ou ne concerne pas votre association";

export const SESSION_ENDED_MESSAGE = 'Votre session a pris fin. Reconnectez-vous pour continuer.';

export const IDLE_SIGNED_OUT_MESSAGE =
  'Vous avez été déconnecté·e après 10 minutes sans activité, pour protéger les personnes suivies.';

export const OFFLINE_MESSAGE =
  "Connexion au réseau perdue : les informations affichées peuvent dater. Rien n'est envoyé tant que la connexion n'est pas revenue ; réessayez ensuite.";

export function failureMessage(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unauthorized':
      return SESSION_ENDED_MESSAGE;
    case 'notFound':
      return NOT_FOUND_MESSAGE;
    case 'refused':
      return (
        failure.message || 'Cette action a été refusée. Actualisez la page pour voir l’état de la demande.'
      );
    case 'invalid':
      return `La demande envoyée n'a pas été acceptée${failure.message ? ` (${failure.message})` : ''}. Vérifiez la saisie puis réessayez.`;
    case 'network':
      return "Le serveur n'a pas pu être joint. Vérifiez votre connexion, puis réessayez : rien n'a été enregistré de votre côté tant que la page ne le confirme pas.";
    case 'server':
      return `Le service rencontre un problème (erreur ${failure.status}). Réessayez dans quelques minutes ; s'il persiste, prévenez l'équipe Un premier pas.`;
  }
}
