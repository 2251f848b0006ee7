import { createElement as h, type ReactNode } from 'react';
import { Container, Skeleton, SpaceBetween } from '@cloudscape-design/components';

/**
 * What a page whose step is drawn only in the browser shows until the bundle runs (a challenge
 * screen opened by its URL): Cloudscape's loading skeleton, pre-rendered at build time.
 */
export function LoadingScreen(): ReactNode {
  return h(
    'main',
    { className: 'login-page' },
    h(
      Container,
      null,
      h(SpaceBetween, { size: 'l' }, h(Skeleton, { variant: 'text-heading-l', width: '60%' }), h(Skeleton, { height: '32px' }), h(Skeleton, { height: '32px', width: '30%' })),
    ),
  );
}
