import { useEffect, useRef } from 'react';
import { navigate } from './router';

/** A page or request that does not exist for this association; says nothing more. */
export function NotFoundPage({ title, text }: { readonly title: string; readonly text?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {text === undefined ? null : <p className="message message-info">{text}</p>}
      <p>
        <a
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          Revenir aux demandes de rappel
        </a>
      </p>
    </>
  );
}
